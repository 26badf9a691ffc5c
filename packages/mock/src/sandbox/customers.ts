import type { Customer, CustomerType } from "@finicity-aggregation/types";
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, LOCALITIES, STREET_NAMES, STREET_TYPES } from "./au-data.js";
import { SandboxInputError } from "./errors.js";
import { createRandom, type Random } from "./random.js";

export type { Customer, CustomerType };

/** Usernames are 6 to 255 characters of letters, digits and `! @ . # $ % & * _ - +` (api-facts). */
export const USERNAME_PATTERN = /^[A-Za-z0-9!@.#$%&*_+-]{6,255}$/;
const DIGITS = /^[0-9]+$/;
const FIRST_ID = 1005061234;
/** 2020-01-01T00:00:00Z: the first generated customer's createdDate. */
const FIRST_CREATED = 1577836800;
const OPTIONAL_STRING_FIELDS = ["firstName", "lastName", "email", "phone", "addressLine1", "city", "state", "postalCode", "country"] as const;

/**
 * Makes customers from a seeded random stream: the same seed always gives the same customers,
 * in the same order, with increasing ids and createdDates.
 */
export class CustomerFactory {
  private readonly random: Random;
  private nextId = FIRST_ID;
  private lastCreated = FIRST_CREATED;

  constructor(seed: string | number) {
    this.random = createRandom(seed);
  }

  /** The next generated customer; its username is unique among `taken`. */
  next(taken: UsernameSet): Customer {
    const r = this.random;
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const locality = r.pick(LOCALITIES);
    this.lastCreated += r.int(600, 4 * 86_400);
    const createdDate = this.lastCreated;
    const hasAddress = !r.chance(0.15);
    const customer: Customer = {
      id: String(this.nextId++),
      username: uniqueUsername(r, first, last, taken),
      firstName: r.chance(0.03) ? null : first,
      lastName: r.chance(0.03) ? null : last,
      type: r.chance(0.6) ? "testing" : "active",
      createdDate: String(createdDate),
      lastModifiedDate: r.chance(0.2) ? null : String(createdDate + r.int(0, 200 * 86_400)),
      email: r.chance(0.1) ? null : `${slug(first)}.${slug(last)}${r.chance(0.3) ? r.int(1, 99) : ""}@${r.pick(EMAIL_DOMAINS)}`,
      phone: r.chance(0.1) ? null : phone(r, locality.areaCode),
      addressLine1: hasAddress ? streetAddress(r) : null,
      city: hasAddress ? locality.city : null,
      state: hasAddress ? locality.state : null,
      postalCode: hasAddress ? locality.postalCode : null,
      country: hasAddress ? "AU" : null,
    };
    return customer;
  }

  /** Makes sure later generated ids and dates come after a customer added by hand. */
  observe(customer: Customer): void {
    const id = Number(customer.id);
    if (Number.isSafeInteger(id) && id >= this.nextId) this.nextId = id + 1;
    const created = Number(customer.createdDate);
    // Stryker disable next-line EqualityOperator: equivalent, on equal dates `>=` assigns the value it already has
    if (Number.isSafeInteger(created) && created > this.lastCreated) this.lastCreated = created;
  }
}

/** Generates `count` customers for `seed`. */
export function generateCustomers(seed: string | number, count: number): { customers: Customer[]; factory: CustomerFactory } {
  const factory = new CustomerFactory(seed);
  const customers: Customer[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const customer = factory.next(taken);
    taken.add(customer.username);
    customers.push(customer);
  }
  return { customers, factory };
}

/** Usernames already taken (a `Set` works). */
export interface UsernameSet {
  has(username: string): boolean;
}

/** What `validateCustomer` needs to know about the customers already there. */
export interface ExistingCustomers {
  hasId(id: string): boolean;
  hasUsername(username: string): boolean;
}

/** Checks a customer given to `addCustomer` against the spec's rules; throws SandboxInputError naming the field. */
export function validateCustomer(customer: Customer, existing: ExistingCustomers): void {
  const fail = (field: string, rule: string) => {
    throw new SandboxInputError(`customer.${field}`, rule);
  };
  if (typeof customer.id !== "string" || !DIGITS.test(customer.id)) fail("id", "must be a string of digits");
  if (existing.hasId(customer.id)) fail("id", "must be unique (another customer has this id)");
  if (typeof customer.username !== "string" || !USERNAME_PATTERN.test(customer.username)) {
    fail("username", "must be 6 to 255 characters of letters, digits and ! @ . # $ % & * _ - +");
  }
  if (existing.hasUsername(customer.username)) fail("username", "must be unique (another customer has this username)");
  if (customer.type !== "active" && customer.type !== "testing") fail("type", 'must be "active" or "testing"');
  if (typeof customer.createdDate !== "string" || !DIGITS.test(customer.createdDate)) fail("createdDate", "must be a string of digits (epoch seconds)");
  const modified = customer.lastModifiedDate;
  if (modified !== undefined && modified !== null && (typeof modified !== "string" || !DIGITS.test(modified))) {
    fail("lastModifiedDate", "must be a string of digits (epoch seconds) or null");
  }
  for (const field of OPTIONAL_STRING_FIELDS) {
    const value = customer[field];
    if (value !== undefined && value !== null && typeof value !== "string") fail(field, "must be a string or null");
  }
  if (typeof customer.phone === "string" && customer.phone.length > 15) fail("phone", "must be at most 15 characters");
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function uniqueUsername(r: Random, first: string, last: string, taken: UsernameSet): string {
  const f = slug(first);
  const l = slug(last);
  const shapes = [
    () => `${f}.${l}${r.int(1, 99)}`,
    () => `${f}${l}${r.int(1960, 2005)}`,
    () => `${f.charAt(0)}${l}_${r.int(1, 999)}`,
    () => `${f}+test${r.int(1, 99)}`,
    () => `${l}-${f}${r.int(1, 9)}`,
    () => `${f}.${l}@sandbox`,
    () => `${f.toUpperCase().charAt(0)}${f.slice(1)}${l.toUpperCase().charAt(0)}${l.slice(1)}#${r.int(1, 99)}`,
  ];
  let username = r.pick(shapes)();
  while (username.length < 6) username += String(r.int(0, 9));
  while (taken.has(username)) username += String(r.int(0, 9));
  return username;
}

function phone(r: Random, areaCode: string): string {
  const digits = (n: number) => Array.from({ length: n }, () => r.int(0, 9)).join("");
  // "61-3-1234-1234" (landline) or "61-412-345-678" (mobile): 14 characters, within the spec's 15.
  return r.chance(0.5) ? `61-${areaCode}-${digits(4)}-${digits(4)}` : `61-4${digits(2)}-${digits(3)}-${digits(3)}`;
}

function streetAddress(r: Random): string {
  const street = `${r.int(1, 250)} ${r.pick(STREET_NAMES)} ${r.pick(STREET_TYPES)}`;
  return r.chance(0.2) ? `Unit ${r.int(1, 40)}/${street}` : street;
}
