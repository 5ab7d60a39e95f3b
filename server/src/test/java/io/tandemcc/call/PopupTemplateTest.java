package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CRM popup URL templates")
class PopupTemplateTest {

  @Test
  @DisplayName("placeholders are replaced by URL-encoded values, unknown ones by nothing")
  void renders() {
    PopupTemplate t =
        PopupTemplate.parse(
            "https://crm.example.com/c?phone={callerNumber}&id={CustomerId}&n={Name}&x={Nope}");
    String url =
        t.render(
            Map.of(
                "callerNumber", "+33 1 23", "CustomerId", "CRM-4711", "Name", "Zoë Müller & co"));
    assertThat(url)
        .isEqualTo(
            "https://crm.example.com/c?phone=%2B33%201%2023&id=CRM-4711&n=Zo%C3%AB%20M%C3%BCller%20%26%20co&x=");
  }

  @Test
  @DisplayName("a value cannot break out of its parameter")
  void noInjection() {
    String url =
        PopupTemplate.parse("https://crm.example.com/c?id={CustomerId}")
            .render(Map.of("CustomerId", "1&admin=true#frag"));
    assertThat(url).isEqualTo("https://crm.example.com/c?id=1%26admin%3Dtrue%23frag");
  }

  @Test
  @DisplayName("only absolute http(s) URLs with a fixed host are accepted")
  void validates() {
    assertThatThrownBy(() -> PopupTemplate.parse("javascript:alert({callerNumber})"))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> PopupTemplate.parse("/relative?x={callId}"))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> PopupTemplate.parse("https://{CustomerId}.evil.example/"))
        .hasMessageContaining("host");
    assertThatThrownBy(() -> PopupTemplate.parse("https://crm.example.com/{bad name}"))
        .hasMessageContaining("placeholder");
    assertThatThrownBy(() -> PopupTemplate.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(
            PopupTemplate.parse("http://crm.local:8080/p/{callId}")
                .render(Map.of("callId", "1700.1")))
        .isEqualTo("http://crm.local:8080/p/1700.1");
  }
}
