import { Empty, Space, Spin, Typography } from "antd";
import { geoMercator, geoPath } from "d3-geo";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type MapShapes, useMapShapes } from "../shared/map-shapes.ts";

/** Light to dark: a higher value is a darker region, whatever the indicator's direction. */
const STEPS = ["#e6f4f1", "#b5ded6", "#7cc4b8", "#3f9e93", "#0f6e6e"];
/** Grey swatches for a region without a figure, by why (`whenAbsent`, or a row with nothing to divide). */
const ABSENT = { no_data: "#f0f0f0", not_applicable: "#d9d9d9" } as const;
const WIDTH = 640;
const HEIGHT = 480;

/** A region's figure, or why there is none. */
export type Shown = { value: number; reason?: undefined } | { value: null; reason: keyof typeof ABSENT };

/**
 * Provinces of China, or the counties of one province, coloured by a value per region code.
 * Shapes are static files built from npm packages (scripts/build-geo.mjs); `within` narrows
 * the counties to one city or county's prefix. The map is a picture with a label: a pointer
 * drills in by clicking a region, keyboard and screen-reader users through the region table
 * the page puts beside it (regions here are not focusable, so the picture nests no controls).
 */
export function ChoroplethMap({
  province,
  within,
  figureOf,
  label,
  selected,
  unit,
  onSelect,
}: {
  /** Two-digit province code, or undefined for the provinces of China. */
  province?: string;
  within?: string;
  /** The figure of a region drawn on the map, or why there is none (e.g. 0 for a count with no row). */
  figureOf: (code: string) => Shown;
  /** What the picture shows, for those who cannot see it. */
  label: string;
  selected?: string;
  unit: string;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const file = province ? `/geo/${province}.json` : "/geo/china.json";
  const shapes = useMapShapes(file);
  const drawn = useMemo(() => {
    if (!shapes.data) return null;
    const features = shapes.data.features.filter((f) => !within || f.properties.code.startsWith(within));
    const collection: MapShapes = { type: "FeatureCollection", features };
    const path = geoPath(geoMercator().fitSize([WIDTH, HEIGHT], collection));
    return features.map((f) => ({ code: f.properties.code, name: f.properties.name, d: path(f) ?? "" }));
  }, [shapes.data, within]);
  const regions = (drawn ?? []).map((f) => ({ ...f, shown: figureOf(f.code) }));
  const known = regions.flatMap((r) => (r.shown.value === null ? [] : [r.shown.value]));
  const reasons = (Object.keys(ABSENT) as (keyof typeof ABSENT)[]).filter((k) => regions.some((r) => r.shown.reason === k));
  const min = Math.min(...known);
  const max = Math.max(...known);
  const suffix = unit === "%" ? "%" : "";
  const colour = (v: Shown) => {
    if (v.value === null) return ABSENT[v.reason];
    if (max === min) return STEPS[STEPS.length - 1];
    return STEPS[Math.min(STEPS.length - 1, Math.floor(((v.value - min) / (max - min)) * STEPS.length))];
  };

  if (shapes.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (!drawn?.length) return <Empty description={t("dashboard.noShapes")} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} data-testid="choropleth">
        {regions.map((f) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the region table is the keyboard path (a focusable region inside an image would nest controls)
          <path
            key={f.code}
            d={f.d}
            fill={colour(f.shown)}
            stroke={f.code === selected ? "#cf1322" : "#fff"}
            strokeWidth={f.code === selected ? 2 : 0.6}
            style={{ cursor: "pointer" }}
            data-testid="map-region"
            data-code={f.code}
            data-value={f.shown.value ?? f.shown.reason}
            onClick={() => onSelect(f.code)}
          >
            <title>{`${f.name}: ${f.shown.value === null ? t(`indicatorTile.${f.shown.reason}`) : `${f.shown.value}${suffix}`}`}</title>
          </path>
        ))}
      </svg>
      {(known.length > 0 || reasons.length > 0) && (
        <Space size={4} wrap data-testid="map-legend">
          {known.length > 0 && (
            <>
              <Typography.Text type="secondary">
                {min}
                {suffix}
              </Typography.Text>
              {STEPS.map((c) => (
                <span key={c} style={{ display: "inline-block", width: 28, height: 10, background: c }} />
              ))}
              <Typography.Text type="secondary">
                {max}
                {suffix}
              </Typography.Text>
            </>
          )}
          {reasons.map((reason) => (
            <Space key={reason} size={4} style={{ marginLeft: 12 }}>
              <span style={{ display: "inline-block", width: 14, height: 10, background: ABSENT[reason], border: "1px solid #bfbfbf" }} />
              <Typography.Text type="secondary">{t(`indicatorTile.${reason}`)}</Typography.Text>
            </Space>
          ))}
        </Space>
      )}
    </Space>
  );
}
