/** Word lists for realistic Australian customers. Invented combinations; no real people. */
// Stryker disable all: word lists are data, not logic. Any change to them changes the pinned seeded data
// (test/sandbox-data.test.ts), but each word is a static mutant that costs a whole test run (stryker-equivalent.md).

export const FIRST_NAMES = [
  "Oliver", "Charlotte", "Jack", "Amelia", "William", "Isla", "Noah", "Olivia", "Thomas", "Mia",
  "James", "Ava", "Lucas", "Grace", "Henry", "Chloe", "Ethan", "Zoe", "Liam", "Sophie",
  "Mason", "Ruby", "Harrison", "Matilda", "Leo", "Harper", "Cooper", "Evie", "Hudson", "Willow",
  "Archie", "Sienna", "Lachlan", "Ella", "Riley", "Georgia", "Xavier", "Ivy", "Angus", "Madison",
  "Hamish", "Layla", "Darcy", "Scarlett", "Mitchell", "Jessica", "Connor", "Emily", "Kai", "Priya",
  "Wei", "Mei", "Minh", "Linh", "Arjun", "Aisha", "Mohammed", "Fatima", "Giorgos", "Eleni",
] as const;

export const LAST_NAMES = [
  "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson",
  "Thompson", "Nguyen", "Thomas", "Walker", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King",
  "Davis", "Wright", "Evans", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
  "Khan", "Lewis", "James", "Phillips", "Mitchell", "Turner", "O'Brien", "Murphy", "Campbell", "Edwards",
  "Tran", "Le", "Chen", "Wang", "Li", "Zhang", "Singh", "Kaur", "Papadopoulos", "Rossi",
  "McDonald", "Stewart", "Morris", "Cook", "Bell", "Ward", "Watson", "Young", "Hughes", "Scott",
] as const;

export const STREET_NAMES = [
  "Collins", "Bourke", "Flinders", "Swanston", "Elizabeth", "George", "Pitt", "Macquarie", "Oxford", "King",
  "Queen", "William", "Hay", "Murray", "Adelaide", "Ann", "Wickham", "Brunswick", "Chapel", "Sydney",
  "Victoria", "Albert", "Church", "High", "Station", "Railway", "Park", "Beach", "Ocean", "Forest",
] as const;

export const STREET_TYPES = ["Street", "Road", "Avenue", "Parade", "Crescent", "Lane", "Drive", "Place", "Terrace", "Highway"] as const;

/** Suburb, state and a postcode that belongs to that suburb; the area code is the landline prefix. */
export const LOCALITIES = [
  { city: "Melbourne", state: "VIC", postalCode: "3000", areaCode: "3" },
  { city: "Fitzroy", state: "VIC", postalCode: "3065", areaCode: "3" },
  { city: "St Kilda", state: "VIC", postalCode: "3182", areaCode: "3" },
  { city: "Geelong", state: "VIC", postalCode: "3220", areaCode: "3" },
  { city: "Ballarat", state: "VIC", postalCode: "3350", areaCode: "3" },
  { city: "Sydney", state: "NSW", postalCode: "2000", areaCode: "2" },
  { city: "Parramatta", state: "NSW", postalCode: "2150", areaCode: "2" },
  { city: "Bondi", state: "NSW", postalCode: "2026", areaCode: "2" },
  { city: "Newcastle", state: "NSW", postalCode: "2300", areaCode: "2" },
  { city: "Wollongong", state: "NSW", postalCode: "2500", areaCode: "2" },
  { city: "Brisbane", state: "QLD", postalCode: "4000", areaCode: "7" },
  { city: "Fortitude Valley", state: "QLD", postalCode: "4006", areaCode: "7" },
  { city: "Southport", state: "QLD", postalCode: "4215", areaCode: "7" },
  { city: "Cairns", state: "QLD", postalCode: "4870", areaCode: "7" },
  { city: "Townsville", state: "QLD", postalCode: "4810", areaCode: "7" },
  { city: "Perth", state: "WA", postalCode: "6000", areaCode: "8" },
  { city: "Fremantle", state: "WA", postalCode: "6160", areaCode: "8" },
  { city: "Adelaide", state: "SA", postalCode: "5000", areaCode: "8" },
  { city: "Glenelg", state: "SA", postalCode: "5045", areaCode: "8" },
  { city: "Hobart", state: "TAS", postalCode: "7000", areaCode: "3" },
  { city: "Launceston", state: "TAS", postalCode: "7250", areaCode: "3" },
  { city: "Canberra", state: "ACT", postalCode: "2600", areaCode: "2" },
  { city: "Darwin", state: "NT", postalCode: "0800", areaCode: "8" },
  { city: "Alice Springs", state: "NT", postalCode: "0870", areaCode: "8" },
] as const;

/** Domains reserved for documentation (RFC 2606 and the .au equivalents): no real mailbox is ever addressed. */
export const EMAIL_DOMAINS = ["example.com.au", "example.net.au", "example.org.au", "example.com"] as const;
