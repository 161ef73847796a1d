/** Jest: ts-jest for TypeScript; see ../shared/TOOLCHAIN.md for the office-addin-manifest mapping office-addin-mock needs under Jest 30. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true } }],
  },
  setupFiles: ["<rootDir>/test/support/custom-functions-global.ts", "<rootDir>/test/support/fast-check-seed.ts"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  testTimeout: 120000,
};
