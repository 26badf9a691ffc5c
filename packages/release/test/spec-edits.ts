/** Edits of the real spec used by the tests: each one a kind of change spec:diff must rate. */
export const TYPE_ENUM = '        enum:\n          - active\n          - testing\n          - ""\n';

export const EDITS = {
  removeParameterEnumValue: { from: TYPE_ENUM, to: '        enum:\n          - active\n          - ""\n' },
  addParameterEnumValue: { from: TYPE_ENUM, to: '        enum:\n          - active\n          - testing\n          - closed\n          - ""\n' },
  makeParameterRequired: {
    from: "      name: type\n      in: query\n      required: false",
    to: "      name: type\n      in: query\n      required: true",
  },
  removeResponseField: {
    from: '        firstName:\n          type:\n            - string\n            - "null"\n          description: The customer\'s first name.\n',
    to: "",
  },
  changeResponseFieldType: {
    from: "        moreAvailable:\n          type: boolean",
    to: "        moreAvailable:\n          type: string",
  },
  dropSecurityAlternative: {
    from: "        - FinicityAppKey: []\n          FinicityAppToken: []\n      responses:",
    to: "      responses:",
  },
  addOptionalResponseField: {
    from: "        firstName:\n          type:",
    to: "        nickname:\n          type:\n            - string\n            - \"null\"\n          description: A nickname the customer chose.\n        firstName:\n          type:",
  },
} as const;
