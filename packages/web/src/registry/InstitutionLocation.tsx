import { EnvironmentOutlined } from "@ant-design/icons";
import { DEFAULT_ON_SITE_RADIUS_METERS } from "@medbridge/core";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, InputNumber, Space, Spin, Tag, Typography } from "antd";
import { geoContains, geoMercator, geoPath } from "d3-geo";
import type { Feature, MultiPolygon } from "geojson";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import { useMapShapes } from "../shared/map-shapes.ts";
import type { Institution } from "../types.ts";

type Point = { latitude: number; longitude: number };

const WIDTH = 480;
const HEIGHT = 360;
const PAD = 16;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const valid = (p: { latitude: number | null; longitude: number | null }): p is Point =>
  p.latitude !== null && p.longitude !== null && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;

/** A map pin whose tip is at (x, y). */
function Pin({ x, y, color, dashed, testId }: { x: number; y: number; color: string; dashed?: boolean; testId: string }) {
  return (
    <g transform={`translate(${x} ${y})`} data-testid={testId} pointerEvents="none">
      <path
        d="M0 0 C -3 -8 -10 -12 -10 -20 A 10 10 0 1 1 10 -20 C 10 -12 3 -8 0 0 Z"
        fill={dashed ? "#fff" : color}
        stroke={color}
        strokeWidth={2}
        strokeDasharray={dashed ? "3 2" : undefined}
      />
      <circle cx={0} cy={-20} r={3.5} fill={dashed ? color : "#fff"} />
    </g>
  );
}

/**
 * Where the institution is, on its county's map (the shapes the dashboard uses, /geo/<province>.json).
 * Check-ins of the people stationed here are judged against this point; without one, against the
 * county (its centroid, marked approximate). Whoever may edit the institution places the marker
 * with a click or types the coordinates, then saves.
 */
export function InstitutionLocation({ institution, editable }: { institution: Institution; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [pending, setPending] = useState<{ latitude: number | null; longitude: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const file = `/geo/${institution.regionCode.slice(0, 2)}.json`;
  const shapes = useMapShapes(file);
  const county = shapes.data?.features.find((f) => f.properties.code === institution.regionCode) as Feature<MultiPolygon> | undefined;
  const drawn = useMemo(() => {
    if (!county) return null;
    const projection = geoMercator().fitExtent(
      [
        [PAD, PAD + 24],
        [WIDTH - PAD, HEIGHT - PAD],
      ],
      county,
    );
    return { projection, d: geoPath(projection)(county) ?? "" };
  }, [county]);

  const location = institution.location ?? { latitude: null, longitude: null, approximate: false, source: null };
  const current = valid(location) ? location : null;
  const candidate = pending && valid(pending) ? pending : null;
  const invalid = pending !== null && !candidate;
  const outside = candidate && county ? !geoContains(county, [candidate.longitude, candidate.latitude]) : false;
  const projected = (p: Point | null) => (p && drawn ? drawn.projection([p.longitude, p.latitude]) : null);
  const here = projected(current);
  const there = projected(candidate);

  const place = (event: React.MouseEvent<SVGSVGElement>) => {
    if (!editable || !drawn) return;
    const svg = event.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const lngLat = drawn.projection.invert?.([point.x, point.y]);
    if (lngLat) setPending({ latitude: round6(lngLat[1]), longitude: round6(lngLat[0]) });
  };

  const save = async () => {
    if (!candidate) return;
    setSaving(true);
    try {
      await api(`/institutions/${institution.id}/location`, { method: "PUT", body: candidate });
      await client.invalidateQueries({ queryKey: ["institutions", institution.id] });
      setPending(null);
      message.success(t("locationEvidence.saved"));
    } catch (error) {
      message.error(t("locationEvidence.saveFailed", { reason: error instanceof ApiError ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  };

  const sourceTag =
    location.source === "set" ? (
      <Tag color="blue">{t("locationEvidence.source_set")}</Tag>
    ) : location.source === "county_centroid" ? (
      <Tag color="gold">{t("locationEvidence.source_county_centroid")}</Tag>
    ) : (
      <Tag>{t("locationEvidence.source_none")}</Tag>
    );

  return (
    <Card
      size="small"
      data-testid="institution-location"
      data-source={location.source ?? "none"}
      title={
        <Space>
          <EnvironmentOutlined />
          {t("locationEvidence.title")}
          {sourceTag}
        </Space>
      }
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {location.source === "set" ? t("locationEvidence.setHelp", { radius: DEFAULT_ON_SITE_RADIUS_METERS }) : t("locationEvidence.approximateHelp")}
        </Typography.Text>
        {current && (
          <Typography.Text data-testid="institution-location-current">
            {t("locationEvidence.current")}: {current.latitude.toFixed(6)}, {current.longitude.toFixed(6)}
          </Typography.Text>
        )}
        {shapes.isPending ? (
          <Spin style={{ display: "block", margin: 24 }} />
        ) : !drawn ? (
          <Empty description={t("locationEvidence.noShape")} />
        ) : (
          // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut; the latitude and longitude fields below are the keyboard path
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            style={{ maxWidth: WIDTH, display: "block", margin: "0 auto", cursor: editable ? "crosshair" : "default", background: "#f5fbfa", borderRadius: 6 }}
            role="img"
            aria-label={t("locationEvidence.mapLabel", { county: county?.properties?.name ?? institution.regionName })}
            data-testid="institution-location-map"
            onClick={place}
          >
            <path d={drawn.d} fill="#d6eeea" stroke="#3f9e93" strokeWidth={1.2} />
            <text x={PAD} y={PAD + 8} fontSize={14} fill="#595959">
              {county?.properties?.name ?? institution.regionName}
            </text>
            {here && <Pin x={here[0]} y={here[1]} color={location.approximate ? "#d48806" : "#0958d9"} dashed={location.approximate} testId="pin-current" />}
            {there && <Pin x={there[0]} y={there[1]} color="#cf1322" testId="pin-pending" />}
          </svg>
        )}
        {editable && (
          <>
            <Typography.Text type="secondary">{t("locationEvidence.clickHelp")}</Typography.Text>
            <Space wrap>
              <InputNumber
                addonBefore={t("locationEvidence.latitude")}
                min={-90}
                max={90}
                step={0.0001}
                precision={6}
                style={{ width: 220 }}
                value={pending ? pending.latitude : (current?.latitude ?? null)}
                onChange={(v) => setPending({ latitude: v, longitude: pending ? pending.longitude : (current?.longitude ?? null) })}
                data-testid="location-latitude"
              />
              <InputNumber
                addonBefore={t("locationEvidence.longitude")}
                min={-180}
                max={180}
                step={0.0001}
                precision={6}
                style={{ width: 220 }}
                value={pending ? pending.longitude : (current?.longitude ?? null)}
                onChange={(v) => setPending({ latitude: pending ? pending.latitude : (current?.latitude ?? null), longitude: v })}
                data-testid="location-longitude"
              />
            </Space>
            {invalid && <Alert type="error" showIcon title={t("locationEvidence.invalid")} />}
            {outside && <Alert type="warning" showIcon title={t("locationEvidence.outsideCounty")} data-testid="location-outside" />}
            <Space>
              <Button type="primary" disabled={!candidate} loading={saving} onClick={save} data-testid="location-save">
                {t("locationEvidence.save")}
              </Button>
              <Button disabled={!pending} onClick={() => setPending(null)}>
                {t("locationEvidence.reset")}
              </Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}
