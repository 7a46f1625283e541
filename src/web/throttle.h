/* Throttling failed sign-ins per client address. The account lockout (domain/accounts.c: five
 * failures lock an account for 15 minutes) stops guessing one account's password; it does not
 * stop one address from trying a few passwords on each of many accounts. So each address has a
 * budget of failed sign-ins that refills evenly over ten minutes; an address that has spent it is
 * answered 429 with Retry-After before any password is checked. Successful sign-ins cost nothing,
 * so an office behind one address is not locked out by its own users signing in.
 *
 * Bounded memory: a fixed table of addresses, direct-mapped (an address whose slot is taken
 * replaces the holder, which then starts afresh). Thread-safe. */
#ifndef LH_THROTTLE_H
#define LH_THROTTLE_H
#include <stdbool.h>

#define THROTTLE_WINDOW_SECONDS 600.0

/* failures: failed sign-ins an address may have within the window; 0 turns throttling off. Call
 * before the server's threads start. */
void throttle_init(unsigned failures);
/* May this address try to sign in now? When not, *retry_after gets the whole seconds until it may
 * (at least 1). now: seconds on a monotonic clock. */
bool throttle_allows(const char *address, double now, unsigned *retry_after);
/* Spends one failure of the address's budget. */
void throttle_failed(const char *address, double now);

#endif
