/** The phone region a cable's origin hints at: national numbers in an Ottawa cable are Canadian. */

const POSTS: Record<string, string> = {
  STATE: 'US', WASHDC: 'US', SECSTATE: 'US', USUN: 'US', USNATO: 'BE', USEUBRUSSELS: 'BE', BRUSSELS: 'BE',
  OTTAWA: 'CA', MONTREAL: 'CA', TORONTO: 'CA', VANCOUVER: 'CA', CALGARY: 'CA', HALIFAX: 'CA', QUEBEC: 'CA',
  MEXICO: 'MX', CARACAS: 'VE', BOGOTA: 'CO', LIMA: 'PE', BRASILIA: 'BR', SAOPAULO: 'BR', RIODEJANEIRO: 'BR',
  BUENOSAIRES: 'AR', SANTIAGO: 'CL', LAPAZ: 'BO', QUITO: 'EC', KINGSTON: 'JM', PORTAUPRINCE: 'HT',
  BRIDGETOWN: 'BB', HAVANA: 'CU', PANAMA: 'PA', MANAGUA: 'NI', TEGUCIGALPA: 'HN', GUATEMALA: 'GT',
  LONDON: 'GB', PARIS: 'FR', BERLIN: 'DE', MUNICH: 'DE', FRANKFURT: 'DE', ROME: 'IT', MADRID: 'ES',
  LISBON: 'PT', THEHAGUE: 'NL', OSLO: 'NO', STOCKHOLM: 'SE', COPENHAGEN: 'DK', HELSINKI: 'FI', VIENNA: 'AT',
  UNVIEVIENNA: 'AT', GENEVA: 'CH', BERN: 'CH', WARSAW: 'PL', PRAGUE: 'CZ', BUDAPEST: 'HU', BELGRADE: 'RS',
  ATHENS: 'GR', ANKARA: 'TR', ISTANBUL: 'TR', MOSCOW: 'RU', KYIV: 'UA', KIEV: 'UA', BAKU: 'AZ', DUBLIN: 'IE',
  CAIRO: 'EG', RIYADH: 'SA', KUWAIT: 'KW', ABUDHABI: 'AE', DUBAI: 'AE', DOHA: 'QA', AMMAN: 'JO',
  BEIRUT: 'LB', TELAVIV: 'IL', JERUSALEM: 'IL', BAGHDAD: 'IQ', TEHRAN: 'IR', KABUL: 'AF', ISLAMABAD: 'PK',
  PESHAWAR: 'PK', KARACHI: 'PK', LAHORE: 'PK', NEWDELHI: 'IN', MUMBAI: 'IN', SEOUL: 'KR', TOKYO: 'JP',
  BEIJING: 'CN', SHANGHAI: 'CN', HONGKONG: 'HK', CANBERRA: 'AU', SYDNEY: 'AU', WELLINGTON: 'NZ',
  NAIROBI: 'KE', HARARE: 'ZW', PRETORIA: 'ZA', ABUJA: 'NG', LAGOS: 'NG', KHARTOUM: 'SD', ADDISABABA: 'ET',
};

export function regionForOrigin(origin: string | null | undefined): string {
  if (!origin) return 'US';
  return POSTS[origin.toUpperCase().replace(/[^A-Z]/g, '')] ?? 'US';
}
