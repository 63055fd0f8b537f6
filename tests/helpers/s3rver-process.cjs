// Runs s3rver on a free loopback port and prints {"port":N} once listening.
// Started by tests/helpers/s3.ts as its own process with
// --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation
// tokens with DES, which OpenSSL 3 (Node 17+) only offers in its legacy provider.
const S3rver = require("s3rver");

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + "\n"));
// The parent going away (its end of stdin closes) stops the server too.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
