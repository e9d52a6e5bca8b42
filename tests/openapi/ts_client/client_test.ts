// A client nobody here wrote: types generated from openapi.yaml by openapi-typescript, requests
// made by openapi-fetch, against a real `braid serve`. It creates a collection, bulk-loads
// documents, searches (lexical, hybrid, with explain), deletes a document and the collection, and
// checks each answer. Compiled by tsc --strict (a drift between openapi.yaml and what this file
// reads fails there) and run by node: node client_test.js BRAID_BINARY WORK_DIR.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import createClient from "openapi-fetch";
import type { components, paths } from "./braid-api.js";

type SearchResponse = components["schemas"]["SearchResponse"];

async function startBraid(binary: string, dir: string): Promise<{ url: string; stop: () => void }> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "braid.json");
  writeFileSync(config, JSON.stringify({ server: { host: "127.0.0.1", port: 0, data_dir: "data", threads: 2 } }));
  const child = spawn(binary, ["serve", "--config", config], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /braid listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`braid serve exited with ${code} before listening`)));
    setTimeout(() => reject(new Error("braid serve did not listen within 30 s")), 30000).unref();
  });
  return { url, stop: () => child.kill("SIGKILL") };
}

function ids(answer: SearchResponse): string[] {
  return answer.hits.map((hit) => hit.id);
}

async function main(): Promise<void> {
  const [binary, work] = process.argv.slice(2);
  const braid = await startBraid(binary, work);
  try {
    const client = createClient<paths>({ baseUrl: braid.url });
    const name = { path: { name: "notes" } };

    const created = await client.PUT("/collections/{name}", {
      params: name,
      body: {
        id_field: "id",
        fields: { title: { type: "text", analyzer: "english" }, year: { type: "integer" } },
        vector: { field: "embedding", dimension: 3, metric: "cosine", index: { type: "flat" } },
      },
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    assert.equal(created.data?.schema.id_field, "id");
    assert.equal(created.data?.stats.documents, 0);

    // A valid schema: an empty one (neither a text field nor a vector) is a 400 invalid_schema
    // before the name is looked up.
    const again = await client.PUT("/collections/{name}", {
      params: name,
      body: { fields: { title: { type: "text" } } },
    });
    assert.equal(again.response.status, 409);
    assert.equal(again.error?.error.type, "collection_exists");

    const lines = [
      { id: "n1", title: "Running cats in the garden", year: 2021, embedding: [1, 0, 0] },
      { id: "n2", title: "Sleeping dogs on the sofa", year: 2019, embedding: [0, 1, 0] },
      { id: "n3", title: "A cat and a dog", year: 2023, embedding: [0.7, 0.7, 0] },
      { id: "n4", title: "no vector, a bad year", year: "soon" },
    ];
    const bulk = await client.POST("/collections/{name}/documents/_bulk", {
      params: name,
      body: lines.map((line) => JSON.stringify(line)).join("\n") + "\n",
      bodySerializer: (body: string) => body,
      headers: { "Content-Type": "application/x-ndjson" },
    });
    assert.equal(bulk.response.status, 200, JSON.stringify(bulk.error));
    assert.equal(bulk.data?.indexed, 3);
    assert.equal(bulk.data?.failed, 1);
    assert.equal(bulk.data?.errors[0].line, 4);
    assert.equal(bulk.data?.errors[0].id, "n4");

    const lexical = await client.POST("/collections/{name}/search", {
      params: name,
      body: { query: "cats", k: 10 },
    });
    assert.equal(lexical.response.status, 200, JSON.stringify(lexical.error));
    assert.deepEqual(new Set(ids(lexical.data!)), new Set(["n1", "n3"]));
    assert.equal(lexical.data!.fusion, null);
    assert.equal(lexical.data!.hits[0].lexical?.rank, 1);

    const hybrid = await client.POST("/collections/{name}/search", {
      params: name,
      body: {
        query: "dog",
        vector: [0, 1, 0],
        fields: { title: 2 },
        k: 3,
        fusion: { method: "linear", alpha: 0.5, normalization: "minmax" },
        explain: true,
      },
    });
    assert.equal(hybrid.response.status, 200, JSON.stringify(hybrid.error));
    const answer = hybrid.data!;
    // min-max over each side: n3 is lexical 1 (shortest title with "dog"), dense 0.707/1 -> 0.85;
    // n2 lexical 0, dense 1 -> 0.5; n1 has no "dog" and dense 0 -> 0.
    assert.deepEqual(ids(answer), ["n3", "n2", "n1"]);
    assert.equal(answer.explain?.plan, "hybrid");
    assert.deepEqual(answer.explain?.query_tokens?.title, ["dog"], JSON.stringify(answer.explain));
    const fusion = answer.fusion;
    assert.ok(fusion !== null && fusion.method === "linear");
    assert.equal(fusion.alpha, 0.5);
    const top = answer.hits[0];
    assert.equal(top.lexical?.rank, 1);
    assert.equal(top.dense?.rank, 2);
    assert.equal(answer.hits[1].dense?.rank, 1);
    assert.ok((top.explanation?.terms.length ?? 0) > 0);
    assert.equal(top.explanation?.terms[0].term, "dog");
    assert.equal(top.explanation?.terms[0].boost, 2);

    const bad = await client.POST("/collections/{name}/search", {
      params: name,
      body: { query: "cats", fusion: { method: "linear", alpha: 2 } },
    });
    assert.equal(bad.response.status, 400);
    assert.equal(bad.error?.error.type, "invalid_fusion");
    assert.equal(bad.error?.error.path, "fusion.alpha");

    const doc = { path: { name: "notes", id: "n1" } };
    const removed = await client.DELETE("/collections/{name}/documents/{id}", { params: doc });
    assert.equal(removed.response.status, 200);
    assert.equal(removed.data?.deleted, true);
    const gone = await client.GET("/collections/{name}/documents/{id}", { params: doc });
    assert.equal(gone.response.status, 404);
    assert.equal(gone.error?.error.type, "document_not_found");
    const after = await client.POST("/collections/{name}/search", { params: name, body: { query: "cats" } });
    assert.deepEqual(ids(after.data!), ["n3"]);

    const dropped = await client.DELETE("/collections/{name}", { params: name });
    assert.equal(dropped.response.status, 200);
    assert.equal(dropped.data?.deleted, "notes");
    const list = await client.GET("/collections");
    assert.deepEqual(list.data?.collections, []);
    console.log("the generated TypeScript client drove braid through create, bulk, search, explain and delete");
  } finally {
    braid.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
