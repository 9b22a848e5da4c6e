// Preloaded into a test server (`node --import`, see fakeDnsOptions in ./start-app.ts)
// to stand a resolver of its own in for the system's: the names in
// SWITCHYARD_TEST_DNS (JSON, name to address) resolve to those addresses,
// every other name as usual. The test machine has no DNS of its own to set
// up a public-looking name that resolves to a private address; this is that
// name, without touching /etc/hosts.
import dns from "node:dns";

const table = JSON.parse(process.env.SWITCHYARD_TEST_DNS ?? "{}");
const systemLookup = dns.lookup;

dns.lookup = function lookup(hostname, options, callback) {
  const address = table[hostname];
  if (address === undefined) return systemLookup.call(this, hostname, options, callback);
  const done = typeof options === "function" ? options : callback;
  const all = typeof options === "object" && options !== null && options.all === true;
  const family = address.includes(":") ? 6 : 4;
  process.nextTick(() => (all ? done(null, [{ address, family }]) : done(null, address, family)));
};
