/* eslint-disable no-undef */
// Build for Retain, after Microsoft's Excel-Custom-Functions (shared runtime) template:
// functions.js + functions.json (generated from JSDoc), taskpane.html (which also loads
// functions.js: one shared runtime), the manifest and the icons.
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const devUrl = "https://localhost:3000/";
// Set RETAIN_BASE_URL (ending in "/") for a production build that is hosted elsewhere.
const prodUrl = process.env.RETAIN_BASE_URL || devUrl;
const functionFiles = ["./src/functions/calculators.ts", "./src/functions/cohorts.ts", "./src/functions/activity.ts"];

/** The dev server's HTTPS options: office-addin-dev-certs when installed (Windows, macOS), else webpack's own self-signed certificate. */
async function httpsServer() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return { type: "https", options: await devCerts.getHttpsServerOptions() };
  } catch {
    return "https";
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // No `self`/`window`: functions.js must also run in the JavaScript-only custom-functions runtime.
      globalObject: "globalThis",
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // custom-functions-metadata-plugin adds its own loader to the function files.
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { maxAssetSize: 1_000_000, maxEntrypointSize: 1_000_000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionFiles }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().replace(new RegExp(devUrl, "g"), prodUrl)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      // Only `webpack serve` needs certificates; a build must not create or install any.
      server: env.WEBPACK_SERVE ? await httpsServer() : "https",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
