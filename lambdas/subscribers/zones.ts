/**
 * The time zones a reader can pick, under their current IANA names. The runtime's Intl lists and
 * resolves CLDR's ids, which keep names IANA has since replaced (Europe/Kiev, Asia/Calcutta), so
 * those are mapped here; Intl accepts either spelling, so a stored zone works whichever it is.
 */

/** CLDR id as Intl reports it -> the current IANA name. */
export const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Offered first: where most readers of an English-language digest live, west to east. */
export const COMMON_ZONES: readonly string[] = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Toronto',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Manila',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** The current IANA name of a zone id Intl knows; undefined when it knows none by that name. */
export function currentZoneName(input: string): string | undefined {
  if (input.length === 0 || input.length > 64) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (resolved === 'Etc/UTC' || resolved === 'Etc/GMT' || resolved === 'GMT') resolved = 'UTC';
  const current = CURRENT_ZONE_NAMES[resolved] ?? resolved;
  return zoneSet().has(current) ? current : undefined;
}

let zones: readonly string[] | undefined;
let zoneLookup: Set<string> | undefined;

/** Every zone offered, by current name, UTC included, sorted. */
export function timeZones(): readonly string[] {
  zones ??= [
    ...new Set([...Intl.supportedValuesOf('timeZone').map((z) => CURRENT_ZONE_NAMES[z] ?? z), 'UTC']),
  ].sort();
  return zones;
}

function zoneSet(): Set<string> {
  zoneLookup ??= new Set(timeZones());
  return zoneLookup;
}

/** The zone's offset from UTC at `at`, as "+05:30", "-03:00" or "+00:00". */
export function utcOffset(timeZone: string, at: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return m ? m[1]! : '+00:00';
}

/** "Kyiv", "Argentina / Buenos Aires", "UTC": the zone as a reader reads it. */
export function zoneLabel(timeZone: string): string {
  const parts = timeZone.split('/');
  return (parts.length > 1 ? parts.slice(1) : parts).join(' / ').replace(/_/g, ' ');
}
