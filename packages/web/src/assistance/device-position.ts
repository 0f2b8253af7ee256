/** A check-in's position as the API takes it (degrees; accuracy radius in metres). */
export interface DevicePosition {
  latitude: number;
  longitude: number;
  accuracyMeters: number;
}

/**
 * The device's position, once, if the person allows it; null when they refuse, the device has
 * no fix, or `timeoutMs` passes (a permission prompt left open counts too: the Geolocation API's
 * own timeout only starts once permission is given). Never throws, never blocks the check-in.
 */
export function devicePosition(timeoutMs = 10_000): Promise<DevicePosition | null> {
  const geolocation = typeof navigator !== "undefined" ? navigator.geolocation : undefined;
  if (!geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const done = (position: DevicePosition | null) => {
      clearTimeout(timer);
      resolve(position);
    };
    try {
      geolocation.getCurrentPosition(
        (p) => done({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: Math.max(0, Math.round(p.coords.accuracy)) }),
        () => done(null),
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
      );
    } catch {
      done(null);
    }
  });
}

/** A distance in words: metres under 1 km, else kilometres with one decimal. */
export function distanceText(t: (key: string, options?: Record<string, unknown>) => string, meters: number): string {
  return meters < 1000 ? t("locationEvidence.meters", { count: meters }) : t("locationEvidence.kilometers", { count: Math.round(meters / 100) / 10 });
}
