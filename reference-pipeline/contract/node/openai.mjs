// Embeds texts with OpenAI's official Node client (npm openai), unchanged, against OPENAI_BASE_URL
// (mock-openai or https://api.openai.com/v1). The client asks for base64 and decodes it itself.
// Prints one JSON line. Usage: node openai.mjs <model> <dimensions> <text>...
import OpenAI from "openai";

const [model, dimensions, ...input] = process.argv.slice(2);
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 });
try {
  const result = await client.embeddings.create({ model, input, dimensions: Number(dimensions) });
  console.log(JSON.stringify({
    model: result.model,
    usage: result.usage,
    vectors: result.data.map((item) => ({ index: item.index, length: item.embedding.length, norm: Math.hypot(...item.embedding), head: item.embedding.slice(0, 4) })),
  }));
} catch (error) {
  if (!(error instanceof OpenAI.APIError)) throw error;
  // The client's own error type: status, code and type as it parsed them from the envelope.
  console.log(JSON.stringify({ error: { status: error.status, code: error.code ?? null, type: error.type ?? null, message: error.message } }));
}
