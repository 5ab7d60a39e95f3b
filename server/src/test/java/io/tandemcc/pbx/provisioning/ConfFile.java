package io.tandemcc.pbx.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Asterisk's configuration syntax (main/config.c) to check the shipped files: {@code
 * ;} comments (not {@code \;}), {@code ;-- --;} block comments, {@code #include}/{@code
 * #tryinclude} (followed, relative to the configuration directory), {@code [name]}, {@code
 * [name](!)}, {@code [name](template,...)}, {@code key = value} and {@code key => value}.
 */
final class ConfFile {
  private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)\\](?:\\(([^)]*)\\))?\\s*");
  private static final Pattern DIRECTIVE =
      Pattern.compile("#(include|tryinclude|exec)\\s+\"?([^\"]+?)\"?\\s*");

  /** A {@code [name](templates)} header. */
  record Section(String name, boolean template, List<String> templates, String file, int line) {}

  /**
   * {@code key = value} or {@code key => value} inside a section (null before the first section).
   */
  record Option(Section section, String key, String value, String file, int line) {}

  /**
   * A {@code #include} or {@code #tryinclude} line and whether its target exists below the root.
   */
  record Include(String kind, String target, boolean exists, String file, int line) {}

  final List<Section> sections = new ArrayList<>();
  final List<Option> options = new ArrayList<>();
  final List<Include> includes = new ArrayList<>();

  private ConfFile() {}

  /**
   * Parses {@code file} (relative to {@code root}, like Asterisk's /etc/asterisk) and every file it
   * includes.
   */
  static ConfFile parse(Path root, String file) {
    ConfFile conf = new ConfFile();
    conf.read(root, file, new Section[1]);
    return conf;
  }

  private void read(Path root, String file, Section[] current) {
    String text = AsteriskConfDir.read(root.resolve(file));
    boolean inBlockComment = false;
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      StringBuilder kept = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        if (inBlockComment) {
          if (raw.startsWith("--;", i)) {
            inBlockComment = false;
            i += 2;
          }
          continue;
        }
        char c = raw.charAt(i);
        if (c == ';' && i > 0 && raw.charAt(i - 1) == '\\') {
          kept.setLength(kept.length() - 1);
          kept.append(';');
        } else if (c == ';' && raw.startsWith(";--", i) && !raw.startsWith(";---", i)) {
          inBlockComment = true;
          i += 2;
        } else if (c == ';') {
          break;
        } else {
          kept.append(c);
        }
      }
      String line = kept.toString().strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher directive = DIRECTIVE.matcher(line);
      Matcher section = SECTION.matcher(line);
      if (directive.matches()) {
        String target = directive.group(2);
        boolean exists = Files.isRegularFile(root.resolve(target));
        includes.add(new Include(directive.group(1), target, exists, file, lineNo));
        if (exists) {
          read(root, target, current);
        }
      } else if (section.matches()) {
        String spec = section.group(2) == null ? "" : section.group(2);
        List<String> templates = new ArrayList<>();
        boolean template = false;
        for (String part : spec.split(",")) {
          String name = part.strip();
          if (name.equals("!")) {
            template = true;
          } else if (!name.isEmpty() && !name.equals("+")) {
            templates.add(name);
          }
        }
        current[0] = new Section(section.group(1), template, List.copyOf(templates), file, lineNo);
        sections.add(current[0]);
      } else {
        int arrow = line.indexOf("=>");
        int equals = line.indexOf('=');
        int split = arrow >= 0 && arrow == equals ? arrow : equals;
        if (split < 0) {
          throw new IllegalStateException(
              file + ":" + lineNo + ": not a section, directive or option: " + line);
        }
        int valueStart = split + (split == arrow ? 2 : 1);
        options.add(
            new Option(
                current[0],
                line.substring(0, split).strip(),
                line.substring(valueStart).strip(),
                file,
                lineNo));
      }
    }
  }

  /** The options of the first section with this name (and, when given, this {@code type=}). */
  List<Option> optionsOf(String sectionName) {
    Section first =
        section(sectionName)
            .orElseThrow(() -> new AssertionError("no section [" + sectionName + "]"));
    return options.stream().filter(o -> o.section() == first).toList();
  }

  Optional<Section> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The values of {@code key} in the first section named {@code sectionName}, in order. */
  List<String> values(String sectionName, String key) {
    return optionsOf(sectionName).stream()
        .filter(o -> o.key().equals(key))
        .map(Option::value)
        .toList();
  }

  /** The one value of {@code key} in {@code sectionName}; fails when it is missing or repeated. */
  String value(String sectionName, String key) {
    List<String> values = values(sectionName, key);
    if (values.size() != 1) {
      throw new AssertionError(
          "[" + sectionName + "] " + key + ": expected one value, found " + values);
    }
    return values.get(0);
  }

  /** The {@code type=} of a section, following its templates (pjsip.conf style). */
  Optional<String> type(Section section) {
    Optional<String> own =
        options.stream()
            .filter(o -> o.section() == section && o.key().equals("type"))
            .map(Option::value)
            .findFirst();
    if (own.isPresent()) {
      return own;
    }
    for (String template : section.templates()) {
      Optional<String> inherited =
          sections.stream()
              .filter(s -> s.name().equals(template) && s.template())
              .findFirst()
              .flatMap(this::type);
      if (inherited.isPresent()) {
        return inherited;
      }
    }
    return Optional.empty();
  }
}
