// Fails fast, with the fix, when scripts run on a Node older than the one we support.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `tender needs Node 22 or newer; this is ${process.version}. Run the set-up through pnpm (pnpm install brings Node 24 from the npm registry).`,
  );
  process.exit(1);
}
