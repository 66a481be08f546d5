import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {participantKey, unreadFor, type ConversationDto, type JoinResult, type MessageDto} from '../../protocol/chat.js';
import {applicantSession, call, connect, connected, connectError, createFirmWithLawyer, FIRM_ORIGIN, lawyerLogin, nextEvent, ok, post, startChatFixture, type ChatFixture} from './chat-fixture.js';

const f: ChatFixture = await startChatFixture();

describe('an applicant and a lawyer chatting', () => {
  test('exchange messages both ways, with typing, presence, delivered and read cursors', async () => {
    const lawyerAuth = await lawyerLogin(f);
    const lawyer = connect(f.url, lawyerAuth.token, f.url);
    await connected(lawyer);

    const session = await applicantSession(f, {name: 'Maria Lopez'});
    const applicantKey = participantKey('applicant', session.applicant.id);
    const lawyerKey = participantKey('lawyer', lawyerAuth.lawyer.id);
    const online = nextEvent(lawyer, 'presence', (p) => p.key === applicantKey && p.online);
    const applicant = connect(f.url, session.token, FIRM_ORIGIN);
    await connected(applicant);
    await online;

    // The applicant opens the conversation: the firm's lawyers hear of it at once.
    const newConversation = nextEvent(lawyer, 'conversation:updated');
    const opened: JoinResult = await ok(call(applicant, 'conversation:open', {}));
    assert.equal((await newConversation).id, opened.conversation.id);
    assert.deepEqual(opened.presence.map((p) => [p.key, p.online]), [[lawyerKey, true]]);
    const conversationId = opened.conversation.id;

    // Applicant → lawyer, through the inbox room, with unread counts derivable from the DTO.
    const inbox = nextEvent(lawyer, 'inbox:message');
    const sent: MessageDto = await ok(call(applicant, 'message:send', {conversationId, clientId: randomUUID(), body: '  Hello, I need help with a work visa.\u0007 '}));
    assert.equal(sent.seq, 1);
    assert.equal(sent.body, 'Hello, I need help with a work visa.', 'trimmed, control characters stripped');
    const arrived = await inbox;
    assert.equal(arrived.message.id, sent.id);
    assert.equal(unreadFor(arrived.conversation, 'lawyer', lawyerAuth.lawyer.id), 1);

    // The lawyer joins and sees the applicant online; typing reaches the applicant.
    const joined: JoinResult = await ok(call(lawyer, 'conversation:join', {conversationId}));
    assert.deepEqual(joined.presence.map((p) => [p.key, p.online]), [[applicantKey, true]]);
    const typingSeen = nextEvent(applicant, 'typing', (t) => t.typing);
    lawyer.emit('typing:start', {conversationId});
    const typing = await typingSeen;
    assert.equal(typing.participant.key, lawyerKey);
    const typingStopped = nextEvent(applicant, 'typing', (t) => !t.typing);
    lawyer.emit('typing:stop', {conversationId});
    await typingStopped;

    // And the other way round.
    const lawyerSeesTyping = nextEvent(lawyer, 'typing', (t) => t.typing && t.participant.key === applicantKey);
    applicant.emit('typing:start', {conversationId});
    await lawyerSeesTyping;

    // Lawyer → applicant; sending ends the lawyer's typing.
    const reply = nextEvent(applicant, 'message:new', (m) => m.sender.kind === 'lawyer');
    const lawyerMsg: MessageDto = await ok(call(lawyer, 'message:send', {conversationId, clientId: randomUUID(), body: 'Good morning Maria, happy to help.'}));
    assert.equal((await reply).id, lawyerMsg.id);
    assert.equal(lawyerMsg.seq, 2);

    // Cursors: delivered then read, broadcast to the other side.
    const delivered = nextEvent(lawyer, 'receipt', (r) => r.key === applicantKey && r.cursor.deliveredSeq === 2);
    await ok(call(applicant, 'receipt:delivered', {conversationId, seq: 2}));
    await delivered;
    const read = nextEvent(lawyer, 'receipt', (r) => r.key === applicantKey && r.cursor.readSeq === 2);
    const cursor = await ok(call(applicant, 'receipt:read', {conversationId, seq: 2}));
    assert.deepEqual(cursor, {readSeq: 2, deliveredSeq: 2, readCount: 1});
    await read;
    // Cursors never move back.
    assert.deepEqual(await ok(call(applicant, 'receipt:read', {conversationId, seq: 1})), cursor);
    const lawyerRead = await ok(call(lawyer, 'receipt:read', {conversationId, seq: 99}));
    assert.deepEqual(lawyerRead, {readSeq: 2, deliveredSeq: 2, readCount: 1}, 'clamped to the last seq');

    const convo: ConversationDto = await ok(call(lawyer, 'conversation:join', {conversationId})).then((j: JoinResult) => j.conversation);
    assert.equal(unreadFor(convo, 'lawyer', lawyerAuth.lawyer.id), 0);
    assert.equal(unreadFor(convo, 'applicant', session.applicant.id), 0);

    // Presence: a second tab counts once; closing the last one stamps lastSeenAt.
    const secondTab = connect(f.url, session.token, FIRM_ORIGIN);
    await connected(secondTab);
    secondTab.disconnect();
    const offline = nextEvent(lawyer, 'presence', (p) => p.key === applicantKey);
    applicant.disconnect();
    const gone = await offline;
    assert.equal(gone.online, false);
    assert.ok(gone.lastSeenAt && Date.now() - Date.parse(gone.lastSeenAt) < 10_000);
  });

  test('30 concurrent read receipts with varying seqs leave the cursor at the highest', async () => {
    const lawyerAuth = await lawyerLogin(f);
    const lawyer = connect(f.url, lawyerAuth.token, f.url);
    const session = await applicantSession(f);
    const applicant = connect(f.url, session.token, FIRM_ORIGIN);
    await Promise.all([connected(lawyer), connected(applicant)]);
    const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
    const conversationId = conversation.id;
    await ok(call(lawyer, 'conversation:join', {conversationId}));
    const N = 10;
    for (let i = 0; i < N; i++) await ok(call(lawyer, 'message:send', {conversationId, clientId: randomUUID(), body: `reply ${i + 1}`}));

    // The highest seq goes out first, so a receipt that lands later must not pull it back.
    const seqs = Array.from({length: 30}, (_, i) => N - (i % N));
    const acks = await Promise.all(seqs.map((seq) => ok(call(applicant, 'receipt:read', {conversationId, seq}))));
    acks.forEach((c, i) => assert.ok(c.readSeq >= seqs[i] && c.deliveredSeq >= c.readSeq, `ack ${i} (seq ${seqs[i]}) covers its seq: ${JSON.stringify(c)}`));
    const top = {readSeq: N, deliveredSeq: N, readCount: N};
    const stored = await f.backend.services.models.Conversation.findById(conversationId).lean();
    assert.deepEqual(stored!.cursors[`a_${session.applicant.id}`], top, 'stored cursor is the highest of the 30');
    const joined = await ok<JoinResult>(call(lawyer, 'conversation:join', {conversationId}));
    assert.deepEqual(joined.conversation.cursors[participantKey('applicant', session.applicant.id)], top);
    assert.deepEqual(await ok(call(applicant, 'receipt:read', {conversationId, seq: 3})), top, 'a late lower receipt changes nothing');
    lawyer.disconnect();
    applicant.disconnect();
  });

  test('the server ends a typing indicator the client stopped refreshing', async () => {
    const lawyerAuth = await lawyerLogin(f);
    const lawyer = connect(f.url, lawyerAuth.token, f.url);
    const session = await applicantSession(f);
    const applicant = connect(f.url, session.token, FIRM_ORIGIN);
    await Promise.all([connected(lawyer), connected(applicant)]);
    const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
    await ok(call(lawyer, 'conversation:join', {conversationId: conversation.id}));
    const started = Date.now();
    const stopped = nextEvent(lawyer, 'typing', (t) => !t.typing && t.conversationId === conversation.id, 10_000);
    applicant.emit('typing:start', {conversationId: conversation.id});
    await stopped;
    assert.ok(Date.now() - started >= 5_000, 'expired after the TTL, not at once');
  });

  test('resending a clientId after a lost ack stores the message once', async () => {
    const session = await applicantSession(f);
    const applicant = connect(f.url, session.token, FIRM_ORIGIN);
    await connected(applicant);
    const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
    const clientId = randomUUID();
    const payload = {conversationId: conversation.id, clientId, body: 'Only once, please'};
    // Fire without waiting (as if the ack were lost), then resend over socket and REST at once.
    applicant.emit('message:send', payload, () => {});
    const [a, b, c] = await Promise.all([
      ok<MessageDto>(call(applicant, 'message:send', payload)),
      ok<MessageDto>(call(applicant, 'message:send', payload)),
      post<MessageDto>(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId, body: 'Only once, please'}, {authorization: `Bearer ${session.token}`}).then((r) => r.body),
    ]);
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    const stored = await f.backend.services.models.Message.countDocuments({conversationId: conversation.id, kind: 'text'});
    assert.equal(stored, 1);
    const page = await ok(call(applicant, 'message:sync', {conversationId: conversation.id, afterSeq: 0}));
    assert.deepEqual(page.messages.map((m: MessageDto) => m.clientId), [clientId]);
  });

  test('a returning visitor resumes the same applicant and conversation with the visitor secret', async () => {
    const first = await applicantSession(f);
    assert.ok(first.visitorSecret && first.visitorSecret.length >= 40);
    const s1 = connect(f.url, first.token, FIRM_ORIGIN);
    const c1 = await ok<JoinResult>(call(s1, 'conversation:open', {}));
    await ok(call(s1, 'message:send', {conversationId: c1.conversation.id, clientId: randomUUID(), body: 'before reload'}));
    s1.disconnect();

    const again = await applicantSession(f, {visitorId: first.visitorId, visitorSecret: first.visitorSecret});
    assert.equal(again.applicant.id, first.applicant.id);
    assert.equal(again.visitorSecret, undefined, 'the secret is only handed out once');
    const s2 = connect(f.url, again.token, FIRM_ORIGIN);
    const c2 = await ok<JoinResult>(call(s2, 'conversation:open', {}));
    assert.equal(c2.conversation.id, c1.conversation.id);
    const history = await ok(call(s2, 'message:history', {conversationId: c2.conversation.id, beforeSeq: 1e9}));
    assert.deepEqual(history.messages.map((m: MessageDto) => m.body), ['before reload']);

    const wrong = await applicantSession(f, {visitorId: first.visitorId, visitorSecret: 'x'.repeat(43)});
    assert.notEqual(wrong.applicant.id, first.applicant.id, 'a wrong secret never resumes someone else');
  });

  test('an identity token from the host site makes a verified applicant who resumes on another device', async () => {
    const token = jwt.sign({email: 'Client@Example.com', name: 'Jean Dupont'}, f.identitySecret, {algorithm: 'HS256', expiresIn: '1h'});
    const laptop = await applicantSession(f, {identityToken: token});
    assert.equal(laptop.applicant.verified, true);
    assert.equal(laptop.applicant.email, 'client@example.com');
    const phone = await applicantSession(f, {identityToken: token});
    assert.equal(phone.applicant.id, laptop.applicant.id);

    const forged = jwt.sign({email: 'client@example.com'}, 'not-the-firm-secret', {algorithm: 'HS256'});
    const refused = await post<{error: {code: string; message: string}}>(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, identityToken: forged});
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'unauthorized');
    assert.match(refused.body.error.message, /identity token/);
  });

  test('lawyers list the firm\'s conversations with unread counts, claim, close and reopen them', async () => {
    const lawyerAuth = await lawyerLogin(f);
    const auth = {authorization: `Bearer ${lawyerAuth.token}`, origin: f.url};
    const session = await applicantSession(f, {name: 'Listed Person'});
    const applicant = connect(f.url, session.token, FIRM_ORIGIN);
    const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {topic: 'Citizenship'}));
    for (const body of ['one', 'two', 'three']) await ok(call(applicant, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));

    const list = await fetch(`${f.url}/api/v1/conversations?assigned=unassigned`, {headers: auth}).then((r) => r.json());
    const row = list.conversations.find((c: ConversationDto) => c.id === conversation.id);
    assert.ok(row, 'listed as unassigned');
    assert.equal(row.unread, 3);
    assert.equal(row.topic, 'Citizenship');
    assert.equal(row.lastMessagePreview, 'three');

    const claimed = await post<ConversationDto>(`${f.url}/api/v1/conversations/${conversation.id}/claim`, {}, auth);
    assert.deepEqual(claimed.body.assignedLawyerIds, [lawyerAuth.lawyer.id]);
    const mine = await fetch(`${f.url}/api/v1/conversations?assigned=me`, {headers: auth}).then((r) => r.json());
    assert.ok(mine.conversations.some((c: ConversationDto) => c.id === conversation.id));

    const systemMsg = nextEvent(applicant, 'message:new', (m) => m.kind === 'system' && m.system?.event === 'closed');
    const closed = await post<ConversationDto>(`${f.url}/api/v1/conversations/${conversation.id}/close`, {}, auth);
    assert.equal(closed.body.status, 'closed');
    await systemMsg;
    const closedList = await fetch(`${f.url}/api/v1/conversations?status=closed`, {headers: auth}).then((r) => r.json());
    assert.ok(closedList.conversations.some((c: ConversationDto) => c.id === conversation.id));

    // The applicant writing again reopens it.
    await ok(call(applicant, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'one more question'}));
    const reopened = await fetch(`${f.url}/api/v1/conversations/${conversation.id}`, {headers: auth}).then((r) => r.json());
    assert.equal(reopened.status, 'open');

    const page = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages?after=0&limit=2`, {headers: auth}).then((r) => r.json());
    assert.equal(page.messages.length, 2);
    assert.equal(page.hasMore, true);
    const rest = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages?after=${page.throughSeq}`, {headers: auth}).then((r) => r.json());
    const all = [...page.messages, ...rest.messages];
    assert.deepEqual(all.map((m: MessageDto) => m.seq), [...all.map((m: MessageDto) => m.seq)].sort((a, b) => a - b));
    assert.deepEqual(all.filter((m: MessageDto) => m.kind === 'text').map((m: MessageDto) => m.body), ['one', 'two', 'three', 'one more question']);

    // Soft delete by the author (an owner here) is broadcast and blanks the body.
    const lawyerSocket = connect(f.url, lawyerAuth.token, f.url);
    await ok(call(lawyerSocket, 'conversation:join', {conversationId: conversation.id}));
    const mine1: MessageDto = await ok(call(lawyerSocket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'typo'}));
    const updated = nextEvent(applicant, 'message:updated', (m) => m.id === mine1.id);
    const deleted: MessageDto = await ok(call(lawyerSocket, 'message:delete', {conversationId: conversation.id, messageId: mine1.id}));
    assert.ok(deleted.deletedAt);
    assert.equal((await updated).body, '');
  });
});

describe('refusals', () => {
  test('sessions and sockets from origins off the allowlist are refused', async () => {
    const refused = await post<{error: {code: string}}>(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey}, {origin: 'https://evil.example'});
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'origin_not_allowed');

    const session = await applicantSession(f);
    const hijack = connect(f.url, session.token, 'https://evil.example', {reconnection: false});
    assert.equal((await connectError(hijack)).code, 'origin_not_allowed');
    const lawyerAuth = await lawyerLogin(f);
    const lawyerFromSite = connect(f.url, lawyerAuth.token, FIRM_ORIGIN, {reconnection: false});
    assert.equal((await connectError(lawyerFromSite)).code, 'origin_not_allowed', 'console tokens only from the console origin');
  });

  test('expired, forged, alg:none and garbage tokens are refused', async () => {
    const session = await applicantSession(f);
    const {iat: _iat, exp: _exp, ...claims} = jwt.decode(session.token) as jwt.JwtPayload;
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({...claims, iat: now - 7200, exp: now - 60}, f.jwtSecret, {algorithm: 'HS256'});
    const forged = jwt.sign(claims, 'a-different-secret-of-enough-length-000', {algorithm: 'HS256'});
    const otherAlg = jwt.sign(claims, f.jwtSecret, {algorithm: 'HS512'});
    const none = `${Buffer.from(JSON.stringify({alg: 'none', typ: 'JWT'})).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const cases = [[expired, 'token_expired'], [forged, 'unauthorized'], [otherAlg, 'unauthorized'], [none, 'unauthorized'], ['garbage', 'unauthorized']] as const;
    for (const [token, code] of cases) {
      const s = connect(f.url, token, FIRM_ORIGIN, {reconnection: false});
      assert.equal((await connectError(s)).code, code, `socket with ${code} token`);
      const res = await fetch(`${f.url}/api/v1/conversations`, {headers: {authorization: `Bearer ${token}`}});
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.code, code);
    }
    const noToken = await fetch(`${f.url}/api/v1/conversations`);
    assert.equal(noToken.status, 401);
    const inUrl = await fetch(`${f.url}/api/v1/conversations?token=${session.token}`);
    assert.equal(inUrl.status, 401, 'tokens are never read from the URL');
    const valid = await fetch(`${f.url}/api/v1/conversations`, {headers: {authorization: `Bearer ${session.token}`}});
    assert.equal(valid.status, 200);
  });

  test('non-members cannot join, read or write a conversation', async () => {
    const a = await applicantSession(f);
    const sa = connect(f.url, a.token, FIRM_ORIGIN);
    const {conversation} = await ok<JoinResult>(call(sa, 'conversation:open', {}));
    const b = await applicantSession(f);
    const sb = connect(f.url, b.token, FIRM_ORIGIN);
    await connected(sb);
    for (const [event, payload] of [
      ['conversation:join', {conversationId: conversation.id}],
      ['message:sync', {conversationId: conversation.id, afterSeq: 0}],
      ['message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'intrusion'}],
      ['receipt:read', {conversationId: conversation.id, seq: 1}],
    ] as const) {
      const ack = await call(sb, event, payload as never);
      assert.equal(ack.ok, false);
      assert.equal(!ack.ok && ack.error.code, 'not_member', event);
    }
    // A lawyer of another firm is no member either.
    const other = await createFirmWithLawyer(f.backend, {origin: FIRM_ORIGIN});
    const otherLawyer = await lawyerLogin({url: f.url, lawyerEmail: other.lawyerEmail});
    const so = connect(f.url, otherLawyer.token, f.url);
    const ack = await call(so, 'conversation:join', {conversationId: conversation.id});
    assert.equal(!ack.ok && ack.error.code, 'not_member');
    const rest = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {headers: {authorization: `Bearer ${otherLawyer.token}`}});
    assert.equal(rest.status, 403);
    // Applicants cannot use lawyer actions.
    const claim = await call(sa, 'conversation:claim', {conversationId: conversation.id});
    assert.equal(!claim.ok && claim.error.code, 'forbidden');
    // Typing into a room one has not joined reaches nobody (no error to leak either).
    sb.emit('typing:start', {conversationId: conversation.id});
  });

  test('over-long, malformed and operator-shaped payloads get bad_request and the server keeps serving', async () => {
    const a = await applicantSession(f);
    const s = connect(f.url, a.token, FIRM_ORIGIN);
    const {conversation} = await ok<JoinResult>(call(s, 'conversation:open', {}));
    const cases: [string, unknown][] = [
      ['message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'x'.repeat(4001)}],
      ['message:send', {conversationId: conversation.id, clientId: randomUUID(), body: '   \u0000  '}],
      ['message:send', {conversationId: conversation.id, clientId: 'short', body: 'hi'}],
      ['message:send', {conversationId: {$gt: ''}, clientId: randomUUID(), body: 'hi'}],
      ['message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'hi', extra: 1}],
      ['message:send', 'not an object'],
      ['message:sync', {conversationId: conversation.id, afterSeq: -1}],
      ['message:sync', {conversationId: conversation.id, afterSeq: 0, limit: 10_000}],
      ['conversation:join', {conversationId: '../../etc'}],
      ['receipt:read', {conversationId: conversation.id, seq: 'NaN'}],
    ];
    for (const [event, payload] of cases) {
      const ack = await call(s, event as 'message:send', payload as never);
      assert.equal(ack.ok, false, `${event} ${JSON.stringify(payload).slice(0, 60)}`);
      assert.equal(!ack.ok && ack.error.code, 'bad_request');
    }
    // A frame over maxHttpBufferSize closes only that socket.
    const big = connect(f.url, a.token, FIRM_ORIGIN, {reconnection: false});
    await connected(big);
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    big.emit('message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'y'.repeat(100_000)}, () => {});
    await closed;
    assert.equal((await ok<MessageDto>(call(s, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'still here'}))).body, 'still here');

    const rest = await post<{error: {code: string}}>(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: {$ne: null}}, {authorization: `Bearer ${a.token}`});
    assert.equal(rest.status, 400);
    assert.equal(rest.body.error.code, 'bad_request');
  });

  test('sending too fast gets rate_limited with a retry time', async () => {
    const a = await applicantSession(f);
    const s = connect(f.url, a.token, FIRM_ORIGIN);
    const {conversation} = await ok<JoinResult>(call(s, 'conversation:open', {}));
    const acks = await Promise.all(Array.from({length: 30}, (_, i) => call(s, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: `burst ${i}`})));
    const limited = acks.filter((a) => !a.ok);
    assert.ok(limited.length >= 5, `some sends were limited (${limited.length})`);
    for (const l of limited) {
      assert.equal(!l.ok && l.error.code, 'rate_limited');
      assert.ok(!l.ok && l.error.retryAfter! >= 1);
    }
    assert.ok(acks.filter((a) => a.ok).length >= 20, 'the burst allowance went through');
  });

  test('lawyer login: wrong passwords are refused and repeated attempts rate-limited', async () => {
    const other = await createFirmWithLawyer(f.backend);
    let last = 0;
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await post<{error: {code: string}}>(`${f.url}/api/v1/auth/login`, {email: other.lawyerEmail, password: 'wrong password!'}, {origin: f.url});
      last = r.status;
      codes.push(r.body.error.code);
    }
    assert.deepEqual(codes.slice(0, 10), Array(10).fill('unauthorized'));
    assert.equal(last, 429);
  });
});
