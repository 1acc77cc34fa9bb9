package dev.ebb.operator.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the operator and the libraries it runs on, at DEBUG for Ebb and JOSDK (more than production
 * logs), with messages and stack traces rendered as they would be printed.
 */
public final class LogCapture implements AutoCloseable {

  private static final String[] LOGGERS = {"dev.ebb", "io.javaoperatorsdk", "io.fabric8", "redis.clients"};

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> levels = new HashMap<>();

  public LogCapture() {
    appender.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    for (String name : LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.setLevel(name.startsWith("io.fabric8") ? Level.INFO : Level.DEBUG);
    }
  }

  // AppenderBase.doAppend adds to the list while holding the appender's own monitor: read under the same one
  public String text() {
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .collect(Collectors.joining("\n"));
    }
  }

  public int events() {
    synchronized (appender) {
      return appender.list.size();
    }
  }

  @Override
  public void close() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    levels.forEach(Logger::setLevel);
    appender.stop();
  }
}
