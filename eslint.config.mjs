// office-addin-lint picks this file up: Microsoft's recommended Office add-in rules
// (plugin:office-addins/recommended, TypeScript-aware), applied to src/.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";

export default [
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "office-addins": officeAddins, "@typescript-eslint": tsPlugin },
    languageOptions: { parser: tsParser },
    rules: {
      "no-console": ["error", { allow: ["warn", "error"] }],
      "@typescript-eslint/no-explicit-any": "error",
      // TypeScript already checks undefined names, including the Office and CustomFunctions globals.
      "no-undef": "off",
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: { "no-console": "off" },
  },
];
