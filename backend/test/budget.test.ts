// The widget's size budget, on the bundles `npm test` just built: what the one tag loads stays
// within 30 KB gzip, and the tag with every part it may load on demand within 60 KB.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {projectRoot} from '../paths.js';

const dist = path.join(projectRoot, 'dist');
const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), {level: 9}).length;

test('consult-chat.js ≤ 30 KB gzip; with all its on-demand parts ≤ 60 KB', {skip: !existsSync(path.join(dist, 'consult-chat.js')) && 'run `npm run build` first'}, () => {
  const main = gz('consult-chat.js');
  assert.ok(main <= 30 * 1024, `consult-chat.js is ${main} bytes gzip (budget 30720)`);
  const parts = readdirSync(dist).filter((f) => /^consult-chat-[\w-]+\.js$/.test(f));
  assert.ok(parts.includes('consult-chat-booking.js'), 'the slot picker is a part');
  const all = main + parts.reduce((sum, f) => sum + gz(f), 0);
  assert.ok(all <= 60 * 1024, `the widget with its parts is ${all} bytes gzip (budget 61440)`);
});
