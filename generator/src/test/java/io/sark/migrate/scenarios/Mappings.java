package io.sark.migrate.scenarios;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.SQLRestriction;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * General JPA, as the next SARK developer will write it, following the mapping chapters of the Jakarta Persistence
 * specification and Hibernate's user guide: each one created from nothing, and some changed.
 */
final class Mappings {

    private Mappings() {
    }

    @Embeddable
    static class Address {
        @Column(name = "street", length = 100) String street;
        @Column(name = "city", length = 50) String city;
    }

    @Entity(name = "Shop") @Table(name = "shops")
    static class Shop {
        @Id UUID id;
        @Embedded Address address;
        @Embedded
        @AttributeOverride(name = "street", column = @Column(name = "billing_street", length = 100))
        @AttributeOverride(name = "city", column = @Column(name = "billing_city", length = 50))
        Address billing;
    }

    @Entity(name = "Shop") @Table(name = "shops")
    static class ShopWithTags {
        @Id UUID id;
        @Embedded Address address;
        @Embedded
        @AttributeOverride(name = "street", column = @Column(name = "billing_street", length = 100))
        @AttributeOverride(name = "city", column = @Column(name = "billing_city", length = 50))
        Address billing;
        @ElementCollection @CollectionTable(name = "shop_tags", joinColumns = @JoinColumn(name = "shop_id"))
        @Column(name = "tag", length = 30) Set<String> tags = new HashSet<>();
    }

    @Entity(name = "Route") @Table(name = "routes")
    static class Route {
        @Id UUID id;
        @ElementCollection @CollectionTable(name = "route_stops", joinColumns = @JoinColumn(name = "route_id"))
        @OrderColumn(name = "position") List<Address> stops = new ArrayList<>();
    }

    @Entity(name = "Profile") @Table(name = "profiles")
    static class Profile {
        @Id UUID id;
        @ElementCollection @CollectionTable(name = "profile_settings", joinColumns = @JoinColumn(name = "profile_id"))
        @MapKeyColumn(name = "setting_key", length = 50) @Column(name = "setting_value") Map<String, String> settings = new HashMap<>();
    }

    @Entity(name = "Account") @Table(name = "accounts")
    static class Account {
        @Id UUID id;
        @Column(name = "email", nullable = false) String email;
    }

    @Entity(name = "AccountDetails") @Table(name = "account_details")
    static class AccountDetails {
        @Id UUID id;
        @MapsId @OneToOne(fetch = FetchType.LAZY) @JoinColumn(name = "id") Account account;
        @Column(name = "bio") String bio;
    }

    @Entity(name = "Article") @Table(name = "articles")
    @SecondaryTable(name = "article_bodies", pkJoinColumns = @PrimaryKeyJoinColumn(name = "article_id"))
    static class Article {
        @Id UUID id;
        @Column(name = "title", nullable = false) String title;
        @Column(name = "body", table = "article_bodies") String body;
    }

    @Entity(name = "Stocked") @Table(name = "stocked")
    static class Versioned {
        @Id UUID id;
        @Version @Column(name = "version") Long version;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Attachment") @Table(name = "attachments")
    static class Attachment {
        @Id UUID id;
        @Lob @Column(name = "content") byte[] content;
        @Lob @Column(name = "notes") String notes;
        @Column(name = "body", columnDefinition = "text") String body;
    }

    @Entity(name = "Price") @Table(name = "prices")
    static class Price {
        @Id UUID id;
        @Column(name = "amount", precision = 12, scale = 2, nullable = false) BigDecimal amount;
        @Column(name = "rate", precision = 7, scale = 5) BigDecimal rate;
        @Column(name = "unbounded") BigDecimal unbounded;
        @Column(name = "ratio") Double ratio;
        @Column(name = "weight") Float weight;
    }

    @Entity(name = "Price") @Table(name = "prices")
    static class PriceWider {
        @Id UUID id;
        @Column(name = "amount", precision = 14, scale = 2, nullable = false) BigDecimal amount;
        @Column(name = "rate", precision = 7, scale = 5) BigDecimal rate;
        @Column(name = "unbounded") BigDecimal unbounded;
        @Column(name = "ratio") Double ratio;
        @Column(name = "weight") Float weight;
    }

    @Entity(name = "Moment") @Table(name = "moments")
    static class Moments {
        @Id UUID id;
        @Column(name = "a_date") LocalDate date;
        @Column(name = "a_time") LocalTime time;
        @Column(name = "a_local_date_time") LocalDateTime localDateTime;
        @Column(name = "an_instant") Instant instant;
        @Column(name = "an_offset_date_time") OffsetDateTime offsetDateTime;
        @Column(name = "a_zoned_date_time") ZonedDateTime zonedDateTime;
        @Column(name = "an_offset_time") OffsetTime offsetTime;
        @Column(name = "a_duration") Duration duration;
        @Column(name = "a_year") Year year;
    }

    /** A value type stored as text through a converter. */
    record Money(String text) {
    }

    @Converter
    static class MoneyConverter implements AttributeConverter<Money, String> {
        @Override public String convertToDatabaseColumn(Money money) { return money == null ? null : money.text(); }
        @Override public Money convertToEntityAttribute(String text) { return text == null ? null : new Money(text); }
    }

    @Entity(name = "Wallet") @Table(name = "wallets")
    static class Wallet {
        @Id UUID id;
        @Convert(converter = MoneyConverter.class) @Column(name = "balance", length = 40) Money balance;
        @Convert(converter = org.hibernate.type.YesNoConverter.class) @Column(name = "active") Boolean active;
    }

    enum Level { low, high }

    @Entity(name = "Alert") @Table(name = "alerts")
    static class Alert {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @Column(name = "level_name", length = 10) Level levelName;
        @Enumerated(EnumType.ORDINAL) @Column(name = "level_number") Level levelNumber;
    }

    @Entity(name = "Country") @Table(name = "countries")
    static class Country {
        @Id UUID id;
        @NaturalId @Column(name = "iso_code", length = 2, nullable = false) String isoCode;
    }

    @Entity(name = "Country") @Table(name = "countries")
    @SQLRestriction("deleted = false")
    static class CountryWithExtras {
        @Id UUID id;
        @NaturalId @Column(name = "iso_code", length = 2, nullable = false) String isoCode;
        @Column(name = "deleted") boolean deleted;
        @Transient String displayName;
        @Formula("upper(iso_code)") String upperCode;
    }

    @Entity(name = "Country") @Table(name = "countries")
    @SQLRestriction("deleted = false")
    static class CountryWithDeleted {
        @Id UUID id;
        @NaturalId @Column(name = "iso_code", length = 2, nullable = false) String isoCode;
        @Column(name = "deleted") boolean deleted;
    }

    static class LineKey implements Serializable {
        UUID orderId;
        Integer lineNumber;

        @Override public boolean equals(Object o) {
            return o instanceof LineKey k && Objects.equals(orderId, k.orderId) && Objects.equals(lineNumber, k.lineNumber);
        }
        @Override public int hashCode() { return Objects.hash(orderId, lineNumber); }
    }

    @Entity(name = "OrderLine") @Table(name = "order_lines") @IdClass(LineKey.class)
    static class OrderLine {
        @Id @Column(name = "order_id") UUID orderId;
        @Id @Column(name = "line_number") Integer lineNumber;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Category") @Table(name = "categories")
    static class Category {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "parent_id") Category parent;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class Person {
        @Id UUID id;
        @OneToOne(fetch = FetchType.LAZY) @JoinColumn(name = "passport_id") Passport passport;
    }

    @Entity(name = "Passport") @Table(name = "passports")
    static class Passport {
        @Id UUID id;
        @Column(name = "number", length = 20) String number;
    }

    static final List<Scenario> ALL = List.of(
            new Case("embeddables and @AttributeOverride", List.of(Anchor.class), List.of(Anchor.class, Shop.class), List.of(
                    "Create table shops.")),
            new Case("element collection of basics", List.of(Shop.class), List.of(ShopWithTags.class), List.of(
                    "Create table shop_tags.",
                    "Add foreign key shop_tags_shop_id_fkey on shop_tags (shop_id) -> shops (id), ON DELETE NO ACTION.")),
            new Case("element collection of embeddables with an order column", List.of(Anchor.class), List.of(Anchor.class, Route.class), List.of(
                    "Create table route_stops.",
                    "Create table routes.",
                    "Add foreign key route_stops_route_id_fkey on route_stops (route_id) -> routes (id), ON DELETE NO ACTION.")),
            new Case("map of basics with a key column", List.of(Anchor.class), List.of(Anchor.class, Profile.class), List.of(
                    "Create table profile_settings.",
                    "Create table profiles.",
                    "Add foreign key profile_settings_profile_id_fkey on profile_settings (profile_id) -> profiles (id), ON DELETE NO ACTION.")),
            new Case("one-to-one sharing its key (@MapsId)", List.of(Account.class), List.of(Account.class, AccountDetails.class), List.of(
                    "Create table account_details.",
                    "Add foreign key account_details_id_fkey on account_details (id) -> accounts (id), ON DELETE NO ACTION.")),
            new Case("one-to-one by a foreign key column (unique)", List.of(Passport.class), List.of(Passport.class, Person.class), List.of(
                    "Create table people.",
                    "Add UNIQUE constraint people_passport_id_key on people (passport_id).",
                    "Add foreign key people_passport_id_fkey on people (passport_id) -> passports (id), ON DELETE NO ACTION.")),
            new Case("@SecondaryTable", List.of(Anchor.class), List.of(Anchor.class, Article.class), List.of(
                    "Create table article_bodies.",
                    "Create table articles.",
                    "Add foreign key article_bodies_article_id_fkey on article_bodies (article_id) -> articles (id), ON DELETE NO ACTION.")),
            new Case("@Version", List.of(Anchor.class), List.of(Anchor.class, Versioned.class), List.of(
                    "Create table stocked.")),
            new Case("@Lob byte[] and String are oid large objects; text is text", List.of(Anchor.class), List.of(Anchor.class, Attachment.class),
                    List.of("Create table attachments.")),
            new Case("numeric precision and scale", List.of(Anchor.class), List.of(Anchor.class, Price.class), List.of(
                    "Create table prices.")),
            new Case("numeric precision widened", List.of(Price.class), List.of(PriceWider.class), List.of(
                    "Change the type of prices.amount from numeric(12,2) to numeric(14,2).")),
            new Case("every java.time type", List.of(Anchor.class), List.of(Anchor.class, Moments.class), List.of(
                    "Create table moments.")),
            new Case("attribute converters", List.of(Anchor.class), List.of(Anchor.class, Wallet.class), List.of(
                    "Create table wallets, with CHECK constraint wallets_active_check (active IN ('N', 'Y')).")),
            new Case("@Enumerated STRING and ORDINAL with Hibernate's checks", List.of(Anchor.class), List.of(Anchor.class, Alert.class), List.of(
                    "Create table alerts, with CHECK constraint alerts_level_name_check (level_name IN ('low', 'high')) and CHECK constraint"
                            + " alerts_level_number_check (level_number >= 0 AND level_number <= 1).")),
            new Case("@NaturalId is unique", List.of(Anchor.class), List.of(Anchor.class, Country.class), List.of(
                    "Create table countries.",
                    "Add UNIQUE constraint countries_iso_code_key on countries (iso_code).")),
            new Case("@Transient, @Formula and @SQLRestriction add nothing", List.of(CountryWithDeleted.class), List.of(CountryWithExtras.class),
                    List.of()),
            new Case("@IdClass composite key in declared order", List.of(Anchor.class), List.of(Anchor.class, OrderLine.class), List.of(
                    "Create table order_lines.")),
            new Case("self-referencing many-to-one", List.of(Anchor.class), List.of(Anchor.class, Category.class), List.of(
                    "Create table categories.",
                    "Add foreign key categories_parent_id_fkey on categories (parent_id) -> categories (id), ON DELETE NO ACTION.")),
            new Case("an entity others point at is dropped: their keys first, then one DROP TABLE", List.of(Passport.class, Person.class),
                    List.of(Anchor.class), List.of(
                    "Drop foreign key people_passport_id_fkey on people.",
                    "Create table anchors.",
                    "Drop table passports.",
                    "Drop table people.")));
}
