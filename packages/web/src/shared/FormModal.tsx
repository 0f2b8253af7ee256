import { App, Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { applyServerErrors } from "./forms.ts";

interface Props<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Sends the validated values; throw the API error to have it shown on the fields. */
  submit: (values: V) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
  width?: number;
  initialValues?: Partial<V>;
}

/** A form in a modal: validates, submits, shows server field errors on the fields, confirms success. */
export function FormModal<V extends object>({ open, title, form, submit, onClose, children, width, initialValues }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await submit(values);
      message.success(t("common.saved"));
      onClose();
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={width}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

/** Only values the user filled in: empty strings and undefined are left out of the request. */
export function filled<V extends object>(values: V): Partial<V> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== "")) as Partial<V>;
}
