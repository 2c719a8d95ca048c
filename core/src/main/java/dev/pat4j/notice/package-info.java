/**
 * Notices to token owners (a token was created, is about to expire, was revoked by an
 * administrator, was found leaked, …) and the {@link dev.pat4j.notice.NotificationSender} SPI
 * that delivers them. pat4j keeps every notice in its store's outbox
 * ({@link dev.pat4j.store.NoticeOutbox}) until each sender has delivered it, so a sender may fail
 * and be retried without a notice being lost; {@link dev.pat4j.notice.Notices} (from
 * {@link dev.pat4j.Pat4j#notices()}) raises, delivers and lists them and states the delivery
 * guarantee: at least once per sender, with an idempotency key to drop repeats by.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.notice;

import org.jspecify.annotations.NullMarked;
