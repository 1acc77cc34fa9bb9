package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A job table in PostgreSQL: one library's tables (solid_queue, good_job, que, river, graphile_worker) or a query. */
@ValidationRule(value = "has(self.user) != has(self.userFrom)",
    message = "postgres needs exactly one of user and userFrom", reason = "FieldValueRequired")
@ValidationRule(value = "(self.format == 'sql') == has(self.query)",
    message = "query is required by format 'sql' and applies to it only", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.queue) || self.format == 'sql' || self.format == 'graphile_worker'",
    message = "queue is required by formats solid_queue, good_job, que and river", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.queue) || self.format != 'sql'",
    message = "queue does not apply to format 'sql': the query selects its jobs", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.schema) || self.format != 'sql'",
    message = "schema does not apply to format 'sql': the query names its tables", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.caFrom) || self.sslMode == 'verify-full'",
    message = "caFrom applies to sslMode 'verify-full' only", reason = "FieldValueInvalid")
public class PostgresQueueSpec {

  /** A host name or an IPv4 address: no scheme, no port, no credentials. */
  public static final String HOST_PATTERN = "^[A-Za-z0-9]([A-Za-z0-9.\\-]{0,251}[A-Za-z0-9])?$";
  /** A plain SQL identifier, as the libraries name their schemas. */
  public static final String IDENTIFIER_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,62}$";
  /**
   * One SELECT (or WITH ... SELECT), without a semicolon but a trailing one. A first check at apply time; the query
   * runs in a read-only transaction whatever it says.
   */
  public static final String QUERY_PATTERN = "^\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ww][Ii][Tt][Hh])\\s[^;]*;?\\s*$";

  @Required
  @Pattern(HOST_PATTERN)
  @JsonPropertyDescription("The server's host name or IP address (no scheme, port or credentials): the user goes in"
      + " user or userFrom, the password in passwordFrom.")
  private String host;

  @Default("5432")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("The server's port. Default 5432.")
  private int port = 5432;

  @Required
  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$")
  @JsonPropertyDescription("The database holding the job tables.")
  private String database;

  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.@\\-]*$")
  @JsonPropertyDescription("The role Ebb connects as; a read-only role with SELECT on the job tables is enough."
      + " Or userFrom.")
  private String user;

  @JsonPropertyDescription("The role Ebb connects as, from a Secret in the pool's namespace. Or user.")
  private SecretKeyReference userFrom;

  @JsonPropertyDescription("The role's password, from a Secret in the pool's namespace.")
  private SecretKeyReference passwordFrom;

  @Default("require")
  @JsonPropertyDescription("disable: no TLS. require: TLS without checking the certificate. verify-full: TLS with the"
      + " certificate checked against caFrom (or the operator's trusted CAs) and the host name. Default require.")
  private PostgresSslMode sslMode = PostgresSslMode.REQUIRE;

  @JsonPropertyDescription("For sslMode verify-full: the CA certificate (PEM) that signed the server's certificate,"
      + " from a Secret in the pool's namespace.")
  private SecretKeyReference caFrom;

  @Required
  @JsonPropertyDescription("solid_queue, good_job, que, river, graphile_worker: the library's own tables, read as"
      + " docs/formats.md says. sql: the query below.")
  private PostgresFormat format;

  @Size(min = 1, max = 128)
  @Pattern("^[A-Za-z0-9_.:\\-]+$")
  @JsonPropertyDescription("The queue name as the library writes it (solid_queue and good_job queue_name, que queue,"
      + " river queue, graphile_worker queue_name). Required but for graphile_worker, where absent means every job,"
      + " and sql.")
  private String queue;

  @Pattern(IDENTIFIER_PATTERN)
  @JsonPropertyDescription("The schema holding the library's tables, when the app moved them: default graphile_worker"
      + " for graphile_worker, public for the others.")
  private String schema;

  @Size(min = 1, max = 4000)
  @Pattern(QUERY_PATTERN)
  @JsonPropertyDescription("For format sql: one SELECT returning one row with a column depth (jobs waiting) and"
      + " optionally oldest_age_seconds, running and processing_seconds. Runs in a read-only transaction with the"
      + " operator's statement timeout.")
  private String query;

  public PostgresQueueSpec() {
  }

  public PostgresQueueSpec(String host, String database, String user, PostgresFormat format, String queue) {
    this.host = host;
    this.database = database;
    this.user = user;
    this.format = format;
    this.queue = queue;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public SecretKeyReference getUserFrom() {
    return userFrom;
  }

  public void setUserFrom(SecretKeyReference userFrom) {
    this.userFrom = userFrom;
  }

  public SecretKeyReference getPasswordFrom() {
    return passwordFrom;
  }

  public void setPasswordFrom(SecretKeyReference passwordFrom) {
    this.passwordFrom = passwordFrom;
  }

  public PostgresSslMode getSslMode() {
    return sslMode;
  }

  public void setSslMode(PostgresSslMode sslMode) {
    this.sslMode = sslMode;
  }

  public SecretKeyReference getCaFrom() {
    return caFrom;
  }

  public void setCaFrom(SecretKeyReference caFrom) {
    this.caFrom = caFrom;
  }

  public PostgresFormat getFormat() {
    return format;
  }

  public void setFormat(PostgresFormat format) {
    this.format = format;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }
}
