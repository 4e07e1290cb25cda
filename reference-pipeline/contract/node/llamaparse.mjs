// Parses one PDF with LlamaIndex's official client (npm llama-cloud-services, LlamaParseReader),
// unchanged, against LLAMA_CLOUD_BASE_URL (mock-llamaparse or https://api.cloud.llamaindex.ai).
// Prints one JSON line: what the client made of the result. Usage: node llamaparse.mjs <file.pdf>
import { LlamaParseReader } from "llama-cloud-services";

const file = process.argv[2];
const reader = new LlamaParseReader({
  baseUrl: process.env.LLAMA_CLOUD_BASE_URL ?? "https://api.cloud.llamaindex.ai",
  apiKey: process.env.LLAMA_CLOUD_API_KEY,
  resultType: "markdown",
  checkInterval: Number(process.env.CHECK_INTERVAL_SECONDS ?? "1"),
  verbose: false,
  ignoreErrors: false,
});

// loadData: upload, poll the job, fetch the markdown result, split it on the default page separator.
const pages = await reader.loadData(file);
// loadJson: the same document's JSON result, with job_metadata (credits and pages).
const [json] = await reader.loadJson(file);
console.log(JSON.stringify({
  markdownPages: pages.map((page) => page.text),
  jsonPages: json.pages.map((page) => ({ page: page.page, md: page.md })),
  jobMetadata: json.job_metadata ?? null,
}));
