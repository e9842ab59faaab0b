package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.BooleanJdbcType;
import org.hibernate.type.descriptor.jdbc.IntegerJdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;
import org.hibernate.type.descriptor.jdbc.VarcharJdbcType;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one place where the column types of this module's entities differ between databases.
 *
 * <p>The entities name three type codes of their own on the attributes that differ
 * ({@code @JdbcTypeCode(ColumnTypes.TIMESTAMP)} on every {@link Instant}, {@link #JSON} on the
 * runtime mix and the legacy extra fields, {@link #BOOLEAN} on the one flag), and this
 * {@link TypeContributor} (found by Hibernate through {@code META-INF/services}, in the store's
 * own persistence unit and in an application's alike) registers, for the dialect the unit runs
 * on, how each code is bound and read:
 *
 * <table>
 *   <tr><th>code</th><th>SQLite</th><th>PostgreSQL</th></tr>
 *   <tr><td>{@link #TIMESTAMP}</td><td>integer epoch milliseconds ({@link Timestamps#toMillis}: number
 *       order is time order; 6 bytes a value, where the canonical text {@code 2025-05-02T09:00:00.000Z}
 *       that earlier versions wrote took 24 and a header byte)</td>
 *       <td>{@code timestamptz}, bound as an {@link OffsetDateTime} in UTC, milliseconds</td></tr>
 *   <tr><td>{@link #JSON}</td><td>text</td><td>{@code jsonb} (the text is sent untyped and the server
 *       parses it)</td></tr>
 *   <tr><td>{@link #BOOLEAN}</td><td>integer 0/1</td><td>{@code boolean}</td></tr>
 * </table>
 *
 * Why this way: a type code of the module's own touches nothing else. An application's own
 * {@code Instant}, JSON or boolean attributes in the same persistence unit keep Hibernate's
 * standard codes ({@code TIMESTAMP_UTC}, {@code JSON}, {@code BOOLEAN}) and their dialect's
 * mapping, which overriding those standard codes (or {@code hibernate.type.*} settings) would
 * change for the whole unit. The JSON attributes keep their {@code AttributeConverter}s to a JSON
 * string (only how that string is bound differs); the timestamps need no converter. On any other
 * database (the schema refuses them anyway) the codes fall back to the standard types.
 */
public final class ColumnTypes implements TypeContributor {

    /** An {@link Instant} at millisecond precision: epoch milliseconds on SQLite, {@code timestamptz} on PostgreSQL. */
    public static final int TIMESTAMP = 4_204_201;
    /** A JSON document held as its text: text on SQLite, {@code jsonb} on PostgreSQL. */
    public static final int JSON = 4_204_202;
    /** A boolean: integer 0/1 on SQLite, {@code boolean} on PostgreSQL. */
    public static final int BOOLEAN = 4_204_203;

    /**
     * How plain JDBC code (the import's bulk inserts, copies between databases) binds the three
     * codes on this connection's database, as the contributed types bind them for Hibernate.
     */
    public static JdbcValues jdbcValues(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        return product.contains("postgres") ? JdbcValues.POSTGRESQL : JdbcValues.SQLITE;
    }

    /** Binding of {@link #TIMESTAMP}, {@link #JSON} and {@link #BOOLEAN} values in plain JDBC. */
    public enum JdbcValues {
        /** Epoch milliseconds, text, 0/1. */
        SQLITE {
            @Override
            public void time(PreparedStatement st, int index, Instant value) throws SQLException {
                if (value == null) {
                    st.setNull(index, Types.BIGINT);
                } else {
                    st.setLong(index, Timestamps.toMillis(value));
                }
            }

            @Override
            public void json(PreparedStatement st, int index, String value) throws SQLException {
                st.setString(index, value);
            }

            @Override
            public void flag(PreparedStatement st, int index, Boolean value) throws SQLException {
                if (value == null) {
                    st.setNull(index, Types.INTEGER);
                } else {
                    st.setInt(index, value ? 1 : 0);
                }
            }
        },
        /** {@code timestamptz} in UTC at millisecond precision, {@code jsonb} parsed by the server, {@code boolean}. */
        POSTGRESQL {
            @Override
            public void time(PreparedStatement st, int index, Instant value) throws SQLException {
                st.setObject(index, value == null ? null : TimestampAsUtcOffsetDateTime.utc(value),
                        Types.TIMESTAMP_WITH_TIMEZONE);
            }

            @Override
            public void json(PreparedStatement st, int index, String value) throws SQLException {
                st.setObject(index, value, Types.OTHER);
            }

            @Override
            public void flag(PreparedStatement st, int index, Boolean value) throws SQLException {
                if (value == null) {
                    st.setNull(index, Types.BOOLEAN);
                } else {
                    st.setBoolean(index, value);
                }
            }
        };

        public abstract void time(PreparedStatement st, int index, Instant value) throws SQLException;

        public abstract void json(PreparedStatement st, int index, String value) throws SQLException;

        public abstract void flag(PreparedStatement st, int index, Boolean value) throws SQLException;
    }

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        Dialect dialect = serviceRegistry.requireService(JdbcServices.class).getDialect();
        JdbcTypeRegistry registry = contributions.getTypeConfiguration().getJdbcTypeRegistry();
        if (dialect instanceof SQLiteDialect) {
            registry.addDescriptor(TIMESTAMP, new TimestampAsEpochMillis());
            registry.addDescriptor(JSON, VarcharJdbcType.INSTANCE);
            registry.addDescriptor(BOOLEAN, IntegerJdbcType.INSTANCE);
        } else {
            registry.addDescriptor(TIMESTAMP, new TimestampAsUtcOffsetDateTime());
            registry.addDescriptor(JSON, dialect instanceof PostgreSQLDialect ? new JsonbAsText() : VarcharJdbcType.INSTANCE);
            registry.addDescriptor(BOOLEAN, BooleanJdbcType.INSTANCE);
        }
    }

    /** SQLite: epoch milliseconds in an INTEGER column (6 bytes a value where the text took 25). */
    static final class TimestampAsEpochMillis implements JdbcType {

        @Override
        public int getJdbcTypeCode() {
            return Types.BIGINT;
        }

        /** What schema validation compares with the column (sqlite-jdbc reports INTEGER columns so). */
        @Override
        public int getDefaultSqlTypeCode() {
            return Types.INTEGER;
        }

        @Override
        public Class<?> getPreferredJavaTypeClass(WrapperOptions options) {
            return Long.class;
        }

        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return new BasicBinder<>(javaType, this) {
                @Override
                protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                    st.setLong(index, Timestamps.toMillis(javaType.unwrap(value, Instant.class, options)));
                }

                @Override
                protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                    st.setLong(name, Timestamps.toMillis(javaType.unwrap(value, Instant.class, options)));
                }
            };
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return new BasicExtractor<>(javaType, this) {
                @Override
                protected X doExtract(ResultSet rs, int position, WrapperOptions options) throws SQLException {
                    long millis = rs.getLong(position);
                    return javaType.wrap(rs.wasNull() ? null : instant(millis), options);
                }

                @Override
                protected X doExtract(CallableStatement st, int position, WrapperOptions options) throws SQLException {
                    long millis = st.getLong(position);
                    return javaType.wrap(st.wasNull() ? null : instant(millis), options);
                }

                @Override
                protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                    long millis = st.getLong(name);
                    return javaType.wrap(st.wasNull() ? null : instant(millis), options);
                }
            };
        }

        private static Instant instant(long millis) {
            try {
                return Timestamps.ofMillis(millis);
            } catch (ValidationException e) {
                throw new StorageException("database holds an invalid " + e.getMessage(), e);
            }
        }
    }

    /** PostgreSQL (and the standard): {@code timestamp with time zone}, bound in UTC at the stored precision. */
    static final class TimestampAsUtcOffsetDateTime implements JdbcType {

        @Override
        public int getJdbcTypeCode() {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }

        /** What schema validation compares with the column (PostgreSQL reports timestamptz so). */
        @Override
        public int getDefaultSqlTypeCode() {
            return SqlTypes.TIMESTAMP_UTC;
        }

        @Override
        public Class<?> getPreferredJavaTypeClass(WrapperOptions options) {
            return OffsetDateTime.class;
        }

        static OffsetDateTime utc(Instant instant) {
            Timestamps.requireStorable(instant); // the same range check as on SQLite
            return Timestamps.normalize(instant).atOffset(ZoneOffset.UTC);
        }

        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return new BasicBinder<>(javaType, this) {
                @Override
                protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                    st.setObject(index, utc(javaType.unwrap(value, Instant.class, options)), Types.TIMESTAMP_WITH_TIMEZONE);
                }

                @Override
                protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                    st.setObject(name, utc(javaType.unwrap(value, Instant.class, options)), Types.TIMESTAMP_WITH_TIMEZONE);
                }
            };
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return new BasicExtractor<>(javaType, this) {
                @Override
                protected X doExtract(ResultSet rs, int position, WrapperOptions options) throws SQLException {
                    return javaType.wrap(instant(rs.getObject(position, OffsetDateTime.class)), options);
                }

                @Override
                protected X doExtract(CallableStatement st, int position, WrapperOptions options) throws SQLException {
                    return javaType.wrap(instant(st.getObject(position, OffsetDateTime.class)), options);
                }

                @Override
                protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                    return javaType.wrap(instant(st.getObject(name, OffsetDateTime.class)), options);
                }
            };
        }

        private static Instant instant(OffsetDateTime value) {
            return value == null ? null : value.toInstant();
        }
    }

    /** PostgreSQL: JSON text into a {@code jsonb} column, sent untyped so the server parses it. */
    static final class JsonbAsText implements JdbcType {

        @Override
        public int getJdbcTypeCode() {
            return Types.OTHER;
        }

        @Override
        public int getDefaultSqlTypeCode() {
            return SqlTypes.JSON;
        }

        @Override
        public Class<?> getPreferredJavaTypeClass(WrapperOptions options) {
            return String.class;
        }

        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return new BasicBinder<>(javaType, this) {
                @Override
                protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                    st.setObject(index, javaType.unwrap(value, String.class, options), Types.OTHER);
                }

                @Override
                protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                    st.setObject(name, javaType.unwrap(value, String.class, options), Types.OTHER);
                }
            };
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return new BasicExtractor<>(javaType, this) {
                @Override
                protected X doExtract(ResultSet rs, int position, WrapperOptions options) throws SQLException {
                    return javaType.wrap(rs.getString(position), options);
                }

                @Override
                protected X doExtract(CallableStatement st, int position, WrapperOptions options) throws SQLException {
                    return javaType.wrap(st.getString(position), options);
                }

                @Override
                protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                    return javaType.wrap(st.getString(name), options);
                }
            };
        }
    }
}
