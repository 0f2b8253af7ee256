import { useQuery } from "@tanstack/react-query";
import { Empty, Space, Spin, Typography } from "antd";
import { geoMercator, geoPath } from "d3-geo";
import type { FeatureCollection, MultiPolygon } from "geojson";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

type Shapes = FeatureCollection<MultiPolygon, { code: string; name: string }>;

/** Light to dark: a higher value is a darker region, whatever the indicator's direction. */
const STEPS = ["#e6f4f1", "#b5ded6", "#7cc4b8", "#3f9e93", "#0f6e6e"];
const NO_DATA = "#f0f0f0";
const WIDTH = 640;
const HEIGHT = 480;

/**
 * Provinces of China, or the counties of one province, coloured by a value per region code.
 * Shapes are static files built from npm packages (scripts/build-geo.mjs); `within` narrows
 * the counties to one city or county's prefix.
 */
export function ChoroplethMap({
  province,
  within,
  values,
  selected,
  unit,
  onSelect,
}: {
  /** Two-digit province code, or undefined for the provinces of China. */
  province?: string;
  within?: string;
  values: Map<string, number | null>;
  selected?: string;
  unit: string;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const file = province ? `/geo/${province}.json` : "/geo/china.json";
  const shapes = useQuery({
    queryKey: ["geo", file],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return (await response.json()) as Shapes;
    },
  });
  const drawn = useMemo(() => {
    if (!shapes.data) return null;
    const features = shapes.data.features.filter((f) => !within || f.properties.code.startsWith(within));
    const collection: Shapes = { type: "FeatureCollection", features };
    const path = geoPath(geoMercator().fitSize([WIDTH, HEIGHT], collection));
    return features.map((f) => ({ code: f.properties.code, name: f.properties.name, d: path(f) ?? "" }));
  }, [shapes.data, within]);
  const known = [...values.values()].filter((v): v is number => v !== null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const colour = (v: number | null | undefined) => {
    if (v === null || v === undefined) return NO_DATA;
    if (max === min) return STEPS[STEPS.length - 1];
    return STEPS[Math.min(STEPS.length - 1, Math.floor(((v - min) / (max - min)) * STEPS.length))];
  };

  if (shapes.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (!drawn?.length) return <Empty description={t("dashboard.noShapes")} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={t("dashboard.map")} data-testid="choropleth">
        {drawn.map((f) => {
          const value = values.get(f.code);
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG region cannot be a <button>; it takes keys like one
            <path
              key={f.code}
              d={f.d}
              fill={colour(value)}
              stroke={f.code === selected ? "#cf1322" : "#fff"}
              strokeWidth={f.code === selected ? 2 : 0.6}
              style={{ cursor: "pointer" }}
              role="button"
              tabIndex={0}
              data-testid="map-region"
              data-code={f.code}
              onClick={() => onSelect(f.code)}
              onKeyDown={(e) => e.key === "Enter" && onSelect(f.code)}
            >
              <title>{`${f.name}: ${value ?? "—"}${unit === "%" ? "%" : ""}`}</title>
            </path>
          );
        })}
      </svg>
      {known.length > 0 && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">{min}</Typography.Text>
          {STEPS.map((c) => (
            <span key={c} style={{ display: "inline-block", width: 28, height: 10, background: c }} />
          ))}
          <Typography.Text type="secondary">{max}</Typography.Text>
          <span style={{ display: "inline-block", width: 14, height: 10, background: NO_DATA, marginLeft: 12 }} />
          <Typography.Text type="secondary">{t("dashboard.noData")}</Typography.Text>
        </Space>
      )}
    </Space>
  );
}
