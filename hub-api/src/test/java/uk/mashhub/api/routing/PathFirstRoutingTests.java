package uk.mashhub.api.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class PathFirstRoutingTests {

    @RestController
    static class Handlers {

        @PostMapping(path = "/cases/{id}/releases", consumes = "application/json", produces = "application/json")
        String release(@PathVariable String id, @RequestBody String body) {
            return "release " + id;
        }

        @PostMapping(path = "/cases", consumes = "application/json")
        String open(@RequestBody String body) {
            return "open";
        }

        @GetMapping(
                path = {"/cases/{id}", "/cases/{id}/summary"},
                produces = "application/json")
        String read(@PathVariable String id) {
            return "read " + id;
        }

        @GetMapping(path = "/cases/{id}", produces = "text/html")
        String page(@PathVariable String id) {
            return "page " + id;
        }

        @PutMapping(path = "/cases/{id}/notes/{note}", headers = "X-Version")
        String note(@PathVariable String id, @PathVariable String note) {
            return "note " + id + " " + note;
        }
    }

    private final MockMvc pathFirst = mvc(PathFirstRouting.PathFirstMappings::new);
    private final MockMvc springDefault = mvc(RequestMappingHandlerMapping::new);

    private static MockMvc mvc(Supplier<RequestMappingHandlerMapping> mappings) {
        return MockMvcBuilders.standaloneSetup(new Handlers())
                .setCustomHandlerMapping(mappings)
                .build();
    }

    @Test
    void routesEveryRequestAsSpringMvcDoesIncludingTheRefusals() throws Exception {
        List<Supplier<MockHttpServletRequestBuilder>> requests = List.of(
                () -> post("/cases/7/releases")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"),
                () -> post("/cases/7/releases")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x"),
                () -> post("/cases/7/releases")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_HTML)
                        .content("{}"),
                () -> get("/cases/7/releases"),
                () -> post("/cases").contentType(MediaType.APPLICATION_JSON).content("{}"),
                () -> get("/cases/7").accept(MediaType.APPLICATION_JSON),
                () -> get("/cases/7").accept(MediaType.TEXT_HTML),
                () -> get("/cases/7").accept(MediaType.APPLICATION_XML),
                () -> get("/cases/7/summary").accept(MediaType.APPLICATION_JSON),
                () -> put("/cases/7/notes/3").header("X-Version", "1"),
                () -> put("/cases/7/notes/3"),
                () -> get("/cases/7/unknown"),
                () -> get("/elsewhere"),
                () -> MockMvcRequestBuilders.request(HttpMethod.OPTIONS, "/cases/7/releases"));

        for (Supplier<MockHttpServletRequestBuilder> request : requests) {
            MvcResult expected = springDefault.perform(request.get()).andReturn();
            MvcResult actual = pathFirst.perform(request.get()).andReturn();
            String what = request.get()
                    .buildRequest(new org.springframework.mock.web.MockServletContext())
                    .getRequestURI();

            assertThat(actual.getResponse().getStatus())
                    .as(what)
                    .isEqualTo(expected.getResponse().getStatus());
            assertThat(actual.getResponse().getContentAsString())
                    .as(what)
                    .isEqualTo(expected.getResponse().getContentAsString());
            assertThat(actual.getResponse().getHeader("Allow"))
                    .as(what)
                    .isEqualTo(expected.getResponse().getHeader("Allow"));
        }
        assertThat(pathFirst
                        .perform(post("/cases/7/releases")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .isEqualTo("release 7");
    }

    private static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static MockHttpServletRequestBuilder post(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    private static MockHttpServletRequestBuilder put(String path) {
        return MockMvcRequestBuilders.put(path);
    }
}
