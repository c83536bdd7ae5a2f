#!/usr/bin/env bash
# Regenerates the initial migration from every module's tables.ts. Only valid until the first
# release lands: after that, migrations are append-only and `npm run db:generate` adds new ones.
set -euo pipefail
cd "$(dirname "$0")/../packages/server"
tmp=$(mktemp -d)
npx drizzle-kit generate --dialect postgresql --schema './src/modules/*/tables.ts' --casing snake_case --out "$tmp" --name init >/dev/null
rm -rf migrations.old
[ -d migrations ] && mv migrations migrations.old
mv "$tmp" migrations
rm -rf migrations.old
ls migrations
