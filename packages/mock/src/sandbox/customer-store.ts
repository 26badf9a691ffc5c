import type { Customer } from "@finicity-aggregation/types";
import type { ExistingCustomers } from "./customers.js";
import { compareCustomers, type CustomerQuery } from "./query.js";

/** A customer with what answering queries about it needs, computed once. */
interface Entry {
  customer: Customer;
  /**
   * The lower-case texts `search` looks in (username, first, last, "first last", "last first"), joined with
   * "\n". A search needle never contains "\n" (whitespace runs become one space), so a match in the joined
   * text is a match in one of the parts.
   */
  searchText: string;
  /** `JSON.stringify(customer)` as UTF-8 bytes, made on first use. */
  json: Uint8Array | undefined;
}

/**
 * The sandbox's customers, kept in the sandbox's one order (createdDate, then id) as they change, so no
 * request sorts. Also kept: the same order per type, and lookups by id and username (both unique).
 * The customers held are private copies: nothing outside changes them.
 */
export class CustomerStore implements ExistingCustomers {
  // Stryker disable next-line ArrayDeclaration: equivalent, the constructor replaces it at once (stryker-equivalent.md)
  private all: Entry[] = [];
  private readonly byType = new Map<string, Entry[]>();
  private readonly byId = new Map<string, Entry>();
  private readonly byUsername = new Map<string, Entry>();
  /** Recent pages by query, emptied whenever the customers change. */
  private readonly pages = new Map<string, Uint8Array>();

  constructor(customers: readonly Customer[]) {
    this.replace(customers);
  }

  /** Replaces every customer (a reset). */
  replace(customers: readonly Customer[]): void {
    this.pages.clear();
    this.all = customers
      .slice()
      .sort(compareCustomers)
      .map((customer) => makeEntry(customer));
    this.byType.clear();
    this.byId.clear();
    this.byUsername.clear();
    for (const entry of this.all) {
      this.typeList(entry.customer.type).push(entry);
      this.byId.set(entry.customer.id, entry);
      this.byUsername.set(entry.customer.username, entry);
    }
  }

  /** Adds a validated customer (unique id and username) in its place in the order. */
  add(customer: Customer): void {
    this.pages.clear();
    const entry = makeEntry(customer);
    insertSorted(this.all, entry);
    insertSorted(this.typeList(customer.type), entry);
    this.byId.set(customer.id, entry);
    this.byUsername.set(customer.username, entry);
  }

  /** Removes the customer with this id; `false` when there is none. */
  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    this.pages.clear();
    removeEntry(this.all, entry);
    removeEntry(this.typeList(entry.customer.type), entry);
    this.byId.delete(id);
    this.byUsername.delete(entry.customer.username);
    return true;
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  hasUsername(username: string): boolean {
    return this.byUsername.has(username);
  }

  /** Usernames in use, as `CustomerFactory.next` wants them. */
  readonly usernames = { has: (username: string) => this.byUsername.has(username) };

  /** The customers in order (the store's own objects: copy before handing them out). */
  list(): Customer[] {
    return this.all.map((entry) => entry.customer);
  }

  /**
   * The page of a validated query as the JSON body of a `Customers` answer (UTF-8), the same bytes as
   * `JSON.stringify({ found, displaying, moreAvailable, customers })`, without filtering, copying or sorting
   * the whole list when no filter needs it, and serializing each customer once. Recent pages are kept (at
   * most 64 pages of up to 64 KiB each) until the customers change, so a repeated query costs a lookup.
   * Callers must not change the bytes.
   */
  pageJson(query: CustomerQuery): Uint8Array {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the text standing for an absent field in a cache key; see stryker-equivalent.md
    const key = `${query.start} ${query.limit} ${query.type ?? ""} ${query.username === undefined ? "" : JSON.stringify(query.username)} ${query.search ?? ""}`;
    const cached = this.pages.get(key);
    if (cached !== undefined) return cached;
    const page = this.buildPage(query);
    if (page.length <= MAX_CACHED_PAGE_BYTES) {
      if (this.pages.size >= MAX_CACHED_PAGES) this.pages.clear();
      this.pages.set(key, page);
    }
    return page;
  }

  private buildPage(query: CustomerQuery): Uint8Array {
    const from = query.start - 1;
    const to = from + query.limit;
    let found: number;
    let page: Entry[];
    // Stryker disable next-line ConditionalExpression: equivalent, the filtering loop gives the same page as the slice, only slower
    if (query.username !== undefined || query.search !== undefined) {
      const candidates: readonly Entry[] =
        query.username === undefined ? this.entriesOfType(query.type) : oneOrNone(this.byUsername.get(query.username));
      const needle = query.search?.toLowerCase();
      found = 0;
      page = [];
      for (const entry of candidates) {
        if (query.type !== undefined && entry.customer.type !== query.type) continue;
        if (needle !== undefined && !entry.searchText.includes(needle)) continue;
        if (found >= from && found < to) page.push(entry);
        found++;
      }
    } else {
      const candidates = this.entriesOfType(query.type);
      found = candidates.length;
      page = candidates.slice(from, to);
    }
    const moreAvailable = from + page.length < found;
    const parts: Uint8Array[] = [UTF8.encode(`{"found":${found},"displaying":${page.length},"moreAvailable":${moreAvailable},"customers":[`)];
    for (const entry of page) {
      if (parts.length > 1) parts.push(COMMA);
      parts.push((entry.json ??= UTF8.encode(JSON.stringify(entry.customer))));
    }
    parts.push(CLOSE);
    return concatBytes(parts);
  }

  private entriesOfType(type: string | undefined): readonly Entry[] {
    return type === undefined ? this.all : (this.byType.get(type) ?? []);
  }

  private typeList(type: string): Entry[] {
    let list = this.byType.get(type);
    if (list === undefined) {
      list = [];
      this.byType.set(type, list);
    }
    return list;
  }
}

function makeEntry(customer: Customer): Entry {
  const first = customer.firstName?.toLowerCase();
  const last = customer.lastName?.toLowerCase();
  const texts = [customer.username.toLowerCase()];
  // Stryker disable next-line ConditionalExpression: equivalent, join() writes a missing name as "", and a needle is never empty nor holds "\n"
  if (typeof first === "string") texts.push(first);
  // Stryker disable next-line ConditionalExpression: equivalent, as the line above
  if (typeof last === "string") texts.push(last);
  if (first && last) texts.push(`${first} ${last}`, `${last} ${first}`);
  return { customer, searchText: texts.join("\n"), json: undefined };
}

/** The page cache holds at most this many pages, each of at most this many bytes (4 MiB in all). */
const MAX_CACHED_PAGES = 64;
const MAX_CACHED_PAGE_BYTES = 64 * 1024;
const NONE: readonly Entry[] = [];
// Web APIs only (no node Buffer): the same store runs in browsers under MSW's setupWorker.
const UTF8 = new TextEncoder();
const COMMA = UTF8.encode(",");
const CLOSE = UTF8.encode("]}");

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function oneOrNone(entry: Entry | undefined): readonly Entry[] {
  return entry === undefined ? NONE : [entry];
}

/** Inserts after every entry that sorts the same or earlier (as a stable sort of the list plus the new one would). */
function insertSorted(list: Entry[], entry: Entry): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    // Stryker disable next-line EqualityOperator: equivalent, ids are unique, so two customers never compare equal
    if (compareCustomers(list[mid]!.customer, entry.customer) <= 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, entry);
}

function removeEntry(list: Entry[], entry: Entry): void {
  const index = list.indexOf(entry);
  // Stryker disable next-line ConditionalExpression: equivalent, only called with an entry that is in the list
  if (index !== -1) list.splice(index, 1);
}
