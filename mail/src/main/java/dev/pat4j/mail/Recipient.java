package dev.pat4j.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a token owner's mail goes, as a {@link RecipientResolver} finds it. Immutable.
 *
 * @param address the mail address ({@code alice@example.com}), checked strictly
 * @param displayName the owner's name as the mail greets them and shows it in {@code To}, or
 *     null (the owner id is used)
 * @param locale the language of the dates in the mail, or null for the sender's default
 * @param zone the time zone of the dates in the mail, or null for the sender's default
 */
public record Recipient(String address, @Nullable String displayName, @Nullable Locale locale, @Nullable ZoneId zone) {

    /** @throws IllegalArgumentException if the address is not one mail address, or the name holds a line break */
    public Recipient {
        Objects.requireNonNull(address, "address");
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
                throw new IllegalArgumentException("a recipient's address is a bare mail address (name@domain)");
            }
            parsed.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a mail address: " + e.getMessage());
        }
        if (displayName != null && (displayName.isBlank() || displayName.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a display name is text on one line, or null");
        }
    }

    /** A recipient with the sender's default locale and zone. */
    public static Recipient of(String address, @Nullable String displayName) {
        return new Recipient(address, displayName, null, null);
    }
}
