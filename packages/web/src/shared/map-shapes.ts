import { useQuery } from "@tanstack/react-query";
import type { FeatureCollection, MultiPolygon } from "geojson";

/** A map-shape file as scripts/build-geo.mjs writes it: one feature per region, keyed by its code. */
export type MapShapes = FeatureCollection<MultiPolygon, { code: string; name: string }>;

/**
 * The static map shapes of the nation (`/geo/china.json`) or of one province (`/geo/52.json`),
 * fetched once per session: they are built from npm packages and never change while the app runs.
 */
export function useMapShapes(file: string) {
  return useQuery({
    queryKey: ["geo", file],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return (await response.json()) as MapShapes;
    },
  });
}
