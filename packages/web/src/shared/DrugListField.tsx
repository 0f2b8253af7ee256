import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { DRUG_CLASSES, DRUGS, type DrugClass } from "@medbridge/core";
import { Button, Checkbox, Form, Select, Space } from "antd";
import { useTranslation } from "react-i18next";

/**
 * A list of antihypertensive drugs (class A–D, a name from core's examples of that class, at max
 * dose or not) inside an antd form: the drugs taken at a register visit, the medications of a
 * discharge. `name` is the form field holding the list.
 */
export function DrugListField({
  name,
  label,
  addLabel,
  large = false,
  testId,
}: {
  name: string;
  label: string;
  addLabel: string;
  large?: boolean;
  /** Prefix of the data-testid of the add button and each row's selects. */
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const size = large ? "large" : "middle";
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label}>
          {fields.map((field) => (
            <Space key={field.key} wrap style={{ display: "flex", marginBottom: 8 }}>
              <Form.Item name={[field.name, "class"]} noStyle rules={[{ required: true }]}>
                <Select
                  size={size}
                  style={{ width: large ? 110 : 90 }}
                  placeholder={t("htn.drugClass")}
                  options={DRUG_CLASSES.map((c) => ({ value: c, label: c }))}
                  data-testid={`${testId}-class`}
                />
              </Form.Item>
              {/* The names offered follow the class chosen in the same row. */}
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const cls = getFieldValue([name, field.name, "class"]) as DrugClass | undefined;
                  return (
                    <Form.Item name={[field.name, "name"]} noStyle rules={[{ required: true, whitespace: true, max: 60 }]}>
                      <Select
                        showSearch
                        size={size}
                        style={{ width: large ? 220 : 200 }}
                        placeholder={t("htn.drugName")}
                        options={(cls ? DRUGS[cls].examples : []).map((d) => ({ value: d.name, label: zh ? d.zh : d.en }))}
                        data-testid={`${testId}-name`}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Form.Item name={[field.name, "atMaxDose"]} valuePropName="checked" noStyle>
                <Checkbox>{t("htn.atMaxDose")}</Checkbox>
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button size={large ? "middle" : "small"} icon={<PlusOutlined />} onClick={() => add({ atMaxDose: false })} data-testid={`${testId}-add`}>
            {addLabel}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
