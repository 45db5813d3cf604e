#!/usr/bin/env node
// Entry point for `npx spotcheck <command>`: runs the TypeScript CLI through tsx's loader,
// so there is no separate compile step to forget.
import { register } from "tsx/esm/api";
register();
await import("../loaders/cli/main.ts");
