// @ts-check
/**
 * `pnpm spec:diff --usage FILE`: the `finicity-contract compat` verdict for the work tree's spec: does the
 * changed spec still accept every call of a recorded usage profile that was answered 2xx, and still describe the
 * responses it relied on? Calls answered 400 that the spec would now accept are printed as warnings; they do not
 * change the exit code.
 */
import { checkCompat, formatCompat, readUsageProfile, UsageProfileError } from "@finicity-aggregation/contract";
import { parse } from "yaml";

/**
 * @param {string} usagePath  the usage profile (finicity-mock --usage-out)
 * @param {string} specText   the work tree's spec
 * @param {string} specLabel  how to name the spec in the verdict
 * @returns {{ code: 0 | 1 | 2, text: string }}
 */
export function usageVerdict(usagePath, specText, specLabel) {
  try {
    const profile = readUsageProfile(usagePath);
    const result = checkCompat(profile, parse(specText));
    return { code: result.findings.length === 0 ? 0 : 1, text: formatCompat(result, { usage: usagePath, spec: specLabel }) };
  } catch (error) {
    if (!(error instanceof UsageProfileError)) throw error;
    return { code: 2, text: `spec:diff: ${error.message}` };
  }
}
