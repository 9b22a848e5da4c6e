import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * One user can never read, change, export, delete or stream into another
 * user's conversation: every such request is answered as if it did not exist.
 */

async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignUpPage(page).signUp({ email, password: "correct horse battery" });
  await page.close();
  return context;
}

test("a user cannot reach another user's conversation through the chat API", async ({ browser }) => {
  const stamp = Date.now();
  const alice = await signedInContext(browser, `alice-${stamp}@example.com`);
  const mallory = await signedInContext(browser, `mallory-${stamp}@example.com`);

  const created = await alice.request.post("/api/conversations", {
    data: { title: "Alice's secrets", slots: [{ id: "a", model: "simulated/scout:free" }] },
  });
  expect(created.status()).toBe(201);
  const { data: room } = (await created.json()) as { data: { id: string } };

  expect((await alice.request.get(`/api/conversations/${room.id}`)).status()).toBe(200);
  const aliceList = (await (await alice.request.get("/api/conversations")).json()) as { data: Array<{ id: string }> };
  expect(aliceList.data.map((summary) => summary.id)).toContain(room.id);

  const malloryList = (await (await mallory.request.get("/api/conversations")).json()) as { data: Array<{ id: string }> };
  expect(malloryList.data.map((summary) => summary.id)).not.toContain(room.id);
  expect((await mallory.request.get(`/api/conversations/${room.id}`)).status()).toBe(404);
  expect((await mallory.request.patch(`/api/conversations/${room.id}`, { data: { title: "mine" } })).status()).toBe(404);
  expect((await mallory.request.get(`/api/conversations/${room.id}/export?format=json`)).status()).toBe(404);
  const stream = await mallory.request.post("/api/chat", {
    data: {
      conversationId: room.id,
      slotId: "a",
      model: "simulated/scout:free",
      messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "let me in" }] }],
    },
  });
  expect(stream.status()).toBe(404);
  expect((await mallory.request.delete(`/api/conversations/${room.id}`)).status()).toBe(404);

  // Nothing Mallory tried changed it.
  const after = (await (await alice.request.get(`/api/conversations/${room.id}`)).json()) as { data: { title: string; threads: object } };
  expect(after.data).toMatchObject({ title: "Alice's secrets", threads: {} });

  // Without a session the chat API answers 401 in the API's error shape.
  const anonymous = await browser.newContext();
  const response = await anonymous.request.get("/api/conversations");
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: { type: "authentication_error" } });

  await Promise.all([alice.close(), mallory.close(), anonymous.close()]);
});
