package io.tandemcc.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo tenant's attached-data keys are the positions the shipped IVR fills")
class DemoKeysMatchIvrTest {

  private static Path extensionsConf() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("asterisk-conf/extensions.conf");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("asterisk-conf/extensions.conf not found above " + here);
  }

  @Test
  void everyCcVarTheAcmeIvrSetsHasADemoKeyAndTheOldMismatchedNamesAreGone() throws Exception {
    String conf = Files.readString(extensionsConf());
    String acme = conf.substring(conf.indexOf("[acme-inbound]"));
    TreeSet<Integer> set = new TreeSet<>();
    Matcher m = Pattern.compile("Set\\(__CC_VAR(\\d+)=").matcher(acme);
    while (m.find()) {
      set.add(Integer.parseInt(m.group(1)));
    }
    assertThat(set).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(DemoData.KEYS).hasSize(7);
    // the names the IVR's comments give each position (1 CustomerId, 2 FirstName, ... 7 MenuChoice)
    for (int position = 1; position <= 7; position++) {
      String name = DemoData.KEYS.get(position - 1)[0];
      assertThat(conf)
          .as("extensions.conf names position %d %s", position, name)
          .contains(position + " " + name);
    }
    assertThat(DemoData.KEYS.stream().map(k -> k[0])).doesNotContain("Email", "Tier", "Subject");
  }
}
