// Generated from spec/openapi.yaml by packages/types/scripts/generate.mjs. Do not edit by hand:
// change the spec and run `pnpm generate`.

export interface paths {
    "/aggregation/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get customers
         * @description Lists the customers enrolled by the calling partner, one page at a time.
         *
         *     - With `search`, a customer is returned when the search text occurs in its `username`,
         *       or in any combination of its `firstName` and `lastName`.
         *     - With no search text (absent or empty), every customer of the partner is returned,
         *       subject to `username`, `type`, `start` and `limit`.
         *     - `username` is an exact match and gives 0 or 1 record.
         *     - An unknown username is not an error: the answer is 200 with `customers: []`,
         *       `displaying: 0` and `moreAvailable: false`.
         *
         *     Paging: `start` is a 1-based **record index**. Ask for the next page with
         *     `start = start + displaying` while `moreAvailable` is `true`.
         *
         *     The request `?username=&type=&search=&start=1&limit=25` (every filter empty) is valid
         *     and returns the first 25 customers of any type. That is the request the official Postman
         *     collection sends: empty `username`, `type` and `search` mean "no filter", while `start`
         *     and `limit` always carry a number. An empty `start=` or `limit=` is not a number and is
         *     rejected like any other invalid value (400 `41003` / `41004`), as is a value outside the
         *     int32 range.
         *
         *     `HEAD` is answered as `GET` is, with the same status and headers and no body (HTTP expects
         *     HEAD wherever GET works). It is not declared as an operation of its own, so that generated
         *     clients keep one method for this path; the sandbox in `@finicity-aggregation/mock` serves it.
         */
        get: operations["GetCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aggregation/v2/partners/authentication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an access token
         * @description Exchanges a partner ID and partner secret for an access token. Send the token in the
         *     `Finicity-App-Token` header of every other call.
         *
         *     Only the app key is sent with this call (`App-Key` in Australia, `Finicity-App-Key` in
         *     the US); there is no token yet.
         *
         *     Token life:
         *
         *     | region | lifetime | advice |
         *     |---|---|---|
         *     | Australia | 90 minutes | make a new token before 90 minutes have passed |
         *     | US | 2 hours | make a new token after 90 minutes |
         *
         *     **Five failed authentications lock the partner account.** Never retry a 401 from this
         *     call automatically: fix the credentials first.
         */
        post: operations["CreateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description One page of customers, with the paging facts needed to ask for the next one. */
        Customers: {
            /**
             * Format: int32
             * @description Total number of customers that match the request, across all pages. Mastercard's
             *     description made it required until 2023 and made it optional since; expect it,
             *     but do not depend on it.
             *
             *     `format: int32` (it was `int64`): the count arrives as a plain JSON number, well
             *     inside the int32 range for any partner's customer list, and generators map int64 to
             *     `bigint` (hey-api's Zod output), which `JSON.stringify` cannot serialise.
             */
            found?: number;
            /**
             * Format: int32
             * @description Number of customers in this response (never more than `limit`). The next page
             *     starts at `start + displaying`. `format: int32`, like `found`: a plain JSON number,
             *     never a `bigint`.
             */
            displaying: number;
            /** @description `true` when more matching customers follow this page. */
            moreAvailable: boolean;
            /** @description The customers in this page, in the order the API returns them. */
            customers: components["schemas"]["Customer"][];
        };
        /** @description A customer enrolled by the partner. Optional fields may be absent or `null`. */
        Customer: {
            id: components["schemas"]["CustomerId"];
            username: components["schemas"]["CustomerUsername"];
            /** @description The customer's first name. */
            firstName?: string | null;
            /** @description The customer's last name. */
            lastName?: string | null;
            type: components["schemas"]["CustomerType"];
            /** @description When the customer was created, in epoch seconds as a string. */
            createdDate: components["schemas"]["StringUnixDate"];
            /** @description When the customer was last changed, in epoch seconds as a string. */
            lastModifiedDate?: components["schemas"]["StringUnixDate"] | null;
            /** @description The customer's email address. */
            email?: string | null;
            /**
             * @description The customer's phone number, at most 15 characters. The Australian collection uses
             *     the form `61-3-1234-1234` (country code, area code, number, separated by dashes).
             */
            phone?: string | null;
            /**
             * @description First line of the customer's street address. Seen in the Australian collection;
             *     its type and whether it is always present are *unconfirmed*.
             */
            addressLine1?: string | null;
            /**
             * @description City or suburb, for example `Melbourne`. Seen in the Australian collection; type
             *     and presence *unconfirmed*.
             */
            city?: string | null;
            /**
             * @description State or territory abbreviation, for example `VIC` or `NSW`. Seen in the
             *     Australian collection; type and presence *unconfirmed*.
             */
            state?: string | null;
            /**
             * @description Postcode as a string, for example `"3000"`. Seen in the Australian collection;
             *     type and presence *unconfirmed* (a string is assumed so leading zeros survive).
             */
            postalCode?: string | null;
            /**
             * @description Country code, for example `AU`. Seen in the Australian collection; type and
             *     presence *unconfirmed*.
             */
            country?: string | null;
        };
        /**
         * @description The customer's ID, assigned by Mastercard. A string of digits such as `"1005061234"`;
         *     treat it as an opaque string (it was an integer in the first 2022 description).
         * @example 1005061234
         */
        CustomerId: string;
        /**
         * @description The customer's username, unique for the partner. Usernames are 6 to 255 characters of
         *     letters, digits and `! @ . # $ % & * _ - +`.
         * @example customerusername1
         */
        CustomerUsername: string;
        /**
         * @description `active`: a billable customer for production use. `testing`: a test customer, used
         *     with test institutions.
         * @enum {string}
         */
        CustomerType: "active" | "testing";
        /**
         * @description A point in time as Unix epoch seconds, sent as a string of digits in quotes, for
         *     example `"1607450357"` (2020-12-08T18:59:17Z). Parse it as a 64-bit integer.
         * @example 1607450357
         */
        StringUnixDate: string;
        /**
         * @description The error body. Only `code` is always present. Branch on `code`, and compare it as a
         *     string: the API sends most codes as strings (`"10022"`) but some as numbers (`12401`).
         */
        ErrorMessage: {
            /**
             * @description The error code, a number or a string of digits (every code seen so far has five
             *     digits). No `format`: on a type that may be a string, a numeric format is ambiguous
             *     (IBM's OpenAPI linter flags it), and the code is best compared as a string anyway.
             */
            code: number | string;
            /** @description The HTTP status, as a string, when the API repeats it in the body. */
            status?: string;
            /** @description A short title for the error. */
            title?: string;
            /** @description The severity the API gives the error, for example `error`. */
            level?: string;
            /** @description A human-readable explanation, meant for developers. */
            message?: string;
            /** @description A message that may be shown to end users, when the API provides one. */
            user_message?: string;
            /** @description Extra tags the API attaches to the error. */
            tags?: string;
            /** @description The address the error relates to, used by some other endpoints. */
            address?: string;
            /** @description Debugging details, used by some other endpoints. */
            debug?: string;
        };
        /** @description The partner credentials issued in the Mastercard Developers portal. */
        PartnerCredentials: {
            /** @description Your partner ID. */
            partnerId: string;
            /** @description Your partner secret. Keep it out of logs and source control. */
            partnerSecret: string;
        };
        /**
         * @description A new access token. Send it in `Finicity-App-Token`. It lasts 90 minutes in Australia
         *     and 2 hours in the US (make a new one after 90 minutes).
         */
        AccessToken: {
            /** @description The access token. */
            token: string;
        };
    };
    responses: {
        /**
         * @description One page of the partner's customers that match the request. No match is still a 200,
         *     with `customers: []`.
         */
        GetCustomersResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Customers"];
            };
        };
        /**
         * @description A query parameter was rejected. Fix the request; retrying it unchanged gives the same
         *     answer.
         *
         *     | code | meaning |
         *     |---|---|
         *     | 14016 | `type` is not `active`, `testing` or empty: "Invalid customer type." |
         *     | 41003 | `start` is below 1: "Start index cannot be less than one" |
         *     | 41004 | `limit` is below 1: "Limit cannot be less than one" |
         *     | 14020 | any other bad request |
         *     | 10005 | a required value is missing |
         */
        GetCustomerBadRequestErrorResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /**
         * @description The app key or the access token is missing, wrong or expired.
         *
         *     | code | meaning | what to do |
         *     |---|---|---|
         *     | 10022 | the token is not valid | create a new token, then retry once |
         *     | 10023 | the token has expired | create a new token, then retry once |
         *     | 10024 | no token was sent | send `Finicity-App-Token` |
         *     | 10026 | no app key was sent | send the app key header |
         *
         *     The gateway may also answer with a `text/plain` body such as
         *     `Invalid (Finicity-App-Key)`. The `message` texts in the examples are illustrative;
         *     branch on `code`.
         */
        UnauthorizedErrorResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
                "text/plain": string;
            };
        };
        /**
         * @description The partner behind the credentials was not found.
         *
         *     | code | type of `code` | message |
         *     |---|---|---|
         *     | 14003 | string | "Aggregation connect partner not found." |
         *     | 12401 | **number** | "partner not found" |
         *
         *     Note that the two codes arrive with different JSON types.
         */
        GetCustomerResourceNotFoundResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /**
         * @description Too many requests. **Not documented by Mastercard** for this endpoint, and no rate
         *     limits are published, but gateways in front of the API send it.
         *
         *     Transient: retry with exponential backoff and jitter, waiting at least as long as
         *     `Retry-After` says when it is present.
         */
        TooManyRequestsResponse: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /**
         * @description The server failed. **Not documented by Mastercard** for this endpoint, but real servers
         *     and gateways send it.
         *
         *     Treat it as a server fault, not as a problem with the request. A client may retry an
         *     idempotent GET a limited number of times with backoff; it should not retry
         *     `CreateToken` blindly.
         */
        InternalServerErrorResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /**
         * @description A gateway in front of the API got no valid answer from it. **Not documented by
         *     Mastercard** for this endpoint, but gateways send it, often as plain text or HTML.
         *
         *     Transient: retry with exponential backoff and jitter, waiting at least as long as
         *     `Retry-After` says when it is present.
         */
        BadGatewayResponse: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
                "text/plain": string;
            };
        };
        /**
         * @description A gateway in front of the API timed out waiting for it. **Not documented by
         *     Mastercard** for this endpoint, but gateways send it, often as plain text or HTML.
         *
         *     Transient: retry with exponential backoff and jitter, waiting at least as long as
         *     `Retry-After` says when it is present.
         */
        GatewayTimeoutResponse: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
                "text/plain": string;
            };
        };
        /**
         * @description The service or a gateway in front of it is unavailable. **Not documented by Mastercard**
         *     for this endpoint, but load balancers send it during maintenance or overload, often as
         *     plain text or HTML rather than JSON.
         *
         *     Transient: retry with exponential backoff and jitter, waiting at least as long as
         *     `Retry-After` says when it is present.
         */
        ServiceUnavailableResponse: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
                "text/plain": string;
            };
        };
    };
    parameters: {
        /**
         * @description Exact username to look for. Because usernames are unique, the answer holds 0 or 1
         *     customer. An empty value (`username=`) or no parameter means no username filter.
         *
         *     Usernames are 6 to 255 characters of letters, digits and `! @ . # $ % & * _ - +`;
         *     URL-encode the value (a `+` must be sent as `%2B`).
         */
        CustomerUsernameParameter: string;
        /**
         * @description Restrict the list to one customer type.
         *
         *     | value | returns |
         *     |---|---|
         *     | `active` | customers that are billable, for production use |
         *     | `testing` | test customers (sandbox test institutions) |
         *     | empty (`type=`) or absent | customers of all types |
         *
         *     Any other value is rejected with HTTP 400, code `14016` "Invalid customer type."
         *     (Mastercard's own description has no enum here; this one does.)
         */
        CustomerTypeParameter: "active" | "testing" | "";
        /**
         * @description Text to look for in each customer's `username`, or in any combination of its
         *     `firstName` and `lastName`. An empty value or no parameter returns all customers.
         *
         *     The value must be URL-encoded. A literal `+` must be sent as `%2B`: an unencoded `+`
         *     reaches the server as a space.
         */
        CustomerSearchParameter: string;
        /**
         * @description **1-based record index** of the first customer to return. It is *not* a page number,
         *     whatever older documents and the Postman collections say ("index of the page of
         *     results").
         *
         *     With `limit=15`, `start=1` returns records 1-15 and `start=16` returns records 16-30.
         *     The next page always starts at `start + displaying`. A client that pages with
         *     `start += 1` reads almost every record again.
         *
         *     A value below 1 is rejected with HTTP 400, code `41003` "Start index cannot be less
         *     than one". So is a value that is not a whole number in the int32 range (1 to
         *     2147483647), and an empty `start=`: omit the parameter to get the default.
         */
        DSAPI_StartParameter: number;
        /**
         * @description Largest number of customers to return in one response, from 1 to 1000 (default 25).
         *
         *     A value below 1 is rejected with HTTP 400, code `41004` "Limit cannot be less than one",
         *     as are a value that is not a whole number and an empty `limit=` (omit the parameter to
         *     get the default). A value above 1000 is rejected with HTTP 400, code `14020`.
         */
        LimitParameter: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description How long to wait before retrying: either a number of seconds (`"30"`) or an HTTP-date
         *     (`"Wed, 21 Oct 2026 07:28:00 GMT"`). Mastercard does not document this header; gateways
         *     may or may not send it. Without it, back off exponentially with jitter.
         */
        "Retry-After": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetCustomers: {
        parameters: {
            query?: {
                /**
                 * @description Exact username to look for. Because usernames are unique, the answer holds 0 or 1
                 *     customer. An empty value (`username=`) or no parameter means no username filter.
                 *
                 *     Usernames are 6 to 255 characters of letters, digits and `! @ . # $ % & * _ - +`;
                 *     URL-encode the value (a `+` must be sent as `%2B`).
                 */
                username?: components["parameters"]["CustomerUsernameParameter"];
                /**
                 * @description Restrict the list to one customer type.
                 *
                 *     | value | returns |
                 *     |---|---|
                 *     | `active` | customers that are billable, for production use |
                 *     | `testing` | test customers (sandbox test institutions) |
                 *     | empty (`type=`) or absent | customers of all types |
                 *
                 *     Any other value is rejected with HTTP 400, code `14016` "Invalid customer type."
                 *     (Mastercard's own description has no enum here; this one does.)
                 */
                type?: components["parameters"]["CustomerTypeParameter"];
                /**
                 * @description Text to look for in each customer's `username`, or in any combination of its
                 *     `firstName` and `lastName`. An empty value or no parameter returns all customers.
                 *
                 *     The value must be URL-encoded. A literal `+` must be sent as `%2B`: an unencoded `+`
                 *     reaches the server as a space.
                 */
                search?: components["parameters"]["CustomerSearchParameter"];
                /**
                 * @description **1-based record index** of the first customer to return. It is *not* a page number,
                 *     whatever older documents and the Postman collections say ("index of the page of
                 *     results").
                 *
                 *     With `limit=15`, `start=1` returns records 1-15 and `start=16` returns records 16-30.
                 *     The next page always starts at `start + displaying`. A client that pages with
                 *     `start += 1` reads almost every record again.
                 *
                 *     A value below 1 is rejected with HTTP 400, code `41003` "Start index cannot be less
                 *     than one". So is a value that is not a whole number in the int32 range (1 to
                 *     2147483647), and an empty `start=`: omit the parameter to get the default.
                 */
                start?: components["parameters"]["DSAPI_StartParameter"];
                /**
                 * @description Largest number of customers to return in one response, from 1 to 1000 (default 25).
                 *
                 *     A value below 1 is rejected with HTTP 400, code `41004` "Limit cannot be less than one",
                 *     as are a value that is not a whole number and an empty `limit=` (omit the parameter to
                 *     get the default). A value above 1000 is rejected with HTTP 400, code `14020`.
                 */
                limit?: components["parameters"]["LimitParameter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["GetCustomersResponse"];
            400: components["responses"]["GetCustomerBadRequestErrorResponse"];
            401: components["responses"]["UnauthorizedErrorResponse"];
            404: components["responses"]["GetCustomerResourceNotFoundResponse"];
            429: components["responses"]["TooManyRequestsResponse"];
            500: components["responses"]["InternalServerErrorResponse"];
            502: components["responses"]["BadGatewayResponse"];
            503: components["responses"]["ServiceUnavailableResponse"];
            504: components["responses"]["GatewayTimeoutResponse"];
        };
    };
    CreateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The partner credentials issued in the Mastercard Developers portal. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerCredentials"];
            };
        };
        responses: {
            /** @description The credentials were accepted; the body carries a new access token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessToken"];
                };
            };
            /**
             * @description The request body could not be used (for example a missing `partnerId` or
             *     `partnerSecret`, or a body that is not JSON).
             *
             *     | code | meaning |
             *     |---|---|
             *     | 14020 | bad request |
             *     | 10005 | a required value is missing |
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description The partner credentials or the app key were rejected.
             *
             *     | code | meaning |
             *     |---|---|
             *     | 24302 | the partner ID / partner secret pair is wrong |
             *     | 10026 | the app key header is missing |
             *
             *     **Five failed authentications lock the partner account.** A client must never retry
             *     a 401 from this call: report it and let a human fix the credentials.
             *
             *     The body may also come as `text/plain` (for example `Invalid (Finicity-App-Key)`).
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                    "text/plain": string;
                };
            };
            429: components["responses"]["TooManyRequestsResponse"];
            500: components["responses"]["InternalServerErrorResponse"];
            502: components["responses"]["BadGatewayResponse"];
            503: components["responses"]["ServiceUnavailableResponse"];
            504: components["responses"]["GatewayTimeoutResponse"];
        };
    };
}
