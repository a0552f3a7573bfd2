// The limiter's state in Redis, as Lua scripts: each runs atomically, so every process of an
// integration sees one bucket and one set of method blocks per portal. The clock is Redis's
// (`TIME`): machines with skewed clocks agree. Every write sets a TTL: keys never outlive the
// state they hold (the bucket drains in burst / (drain × minRate) s; a block ends by itself).
// Keys of one bucket share a hash tag `{…}`: one cluster slot, so one script may touch them all.
// The model is memory-store.ts's, line for line.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;
// Bucket state: l level, t last update, f AIMD pace, p paused until; in-flight ids in a sorted set
// scored by the time they count as arrived anyway.
const LOAD = `local burst, drain, minr, rec = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local h = redis.call('HMGET', KEYS[1], 'l', 't', 'f', 'p')
local lt = tonumber(h[2]) or now
local f = math.min(1, (tonumber(h[3]) or 1) + rec * (now - lt) / 1000)
local p = tonumber(h[4]) or 0
local l = math.max(0, (tonumber(h[1]) or 0) - (now - lt) / 1000 * drain * f)
`;
const SAVE = (extraMs: string) => `redis.call('HSET', KEYS[1], 'l', l, 't', now, 'f', f, 'p', p)
local ttl = math.ceil(burst / (drain * minr) * 1000) + ${extraMs} + 60000
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
`;

/** KEYS bucket, in-flight, method block; ARGV id, burst (0 = no bucket), drain, minRate, recover, flightMs → 0 / wait / -blocked. */
export const TAKE = `${NOW}local blk = tonumber(redis.call('GET', KEYS[3]) or '0')
if blk > now then return now - blk end
if tonumber(ARGV[2]) == 0 then return 0 end
local flight = tonumber(ARGV[6])
${LOAD}l = l + redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local over = l + redis.call('ZCARD', KEYS[2]) + 1 - (burst > 1 and burst - 1 or burst)
local wait = 0
if p > now then wait = p - now
elseif over > 1e-9 then wait = math.ceil(over / (drain * f) * 1000) + 1
else redis.call('ZADD', KEYS[2], now + flight, ARGV[1]) end
${SAVE('flight')}return wait
`;

/** KEYS bucket, in-flight; ARGV id, burst, drain, minRate, recover, pauseMs. */
export const SETTLE = `${NOW}local pause = tonumber(ARGV[6])
${LOAD}if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then l = l + 1 end
if pause > 0 then
  l = math.max(l, burst)
  if p <= now then
    f = math.max(minr, f / 2)
    p = now + pause
  end
end
${SAVE('pause')}return 0
`;

/** KEYS method block; ARGV ms (integer). Extends, never shortens. */
export const BLOCK = `${NOW}local u = now + tonumber(ARGV[1])
if u > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], u, 'PX', ARGV[1]) end
return 0
`;
