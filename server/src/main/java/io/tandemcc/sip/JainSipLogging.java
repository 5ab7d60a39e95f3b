package io.tandemcc.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's internal logging to SLF4J. Without it jain-sip's {@code CommonLogger} loads
 * log4j 1.x, which we do not ship. Installed once, before the first message is parsed.
 */
final class JainSipLogging implements StackLogger {
  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
  private static volatile boolean installed;

  private JainSipLogging() {}

  static void install() {
    if (!installed) {
      synchronized (JainSipLogging.class) {
        if (!installed) {
          CommonLogger.useLegacyLogger = true;
          CommonLogger.legacyLogger = new JainSipLogging();
          installed = true;
        }
      }
    }
  }

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int traceLevel) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    LOG.debug("jain-sip exception", ex);
  }

  @Override
  public void logDebug(String message) {
    LOG.debug(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    LOG.debug(message, ex);
  }

  @Override
  public void logTrace(String message) {
    LOG.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    LOG.error(message);
  }

  @Override
  public void logError(String message) {
    // the parser reports malformed input as errors; the proxy logs those with context itself
    LOG.debug(message);
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isDebugEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    return logLevel >= TRACE_TRACE ? LOG.isTraceEnabled() : LOG.isDebugEnabled();
  }

  @Override
  public void logError(String message, Exception ex) {
    LOG.debug(message, ex);
  }

  @Override
  public void logWarning(String message) {
    LOG.debug(message);
  }

  @Override
  public void logInfo(String message) {
    LOG.debug(message);
  }

  @Override
  public void disableLogging() {}

  @Override
  public void enableLogging() {}

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
