package io.acicni.deploy.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

/** Writes objects as a multi-document YAML stream ({@code ---} between documents). */
public final class YamlDocuments {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private YamlDocuments() {
    }

    public static ObjectMapper mapper() {
        return YAML;
    }

    public static String write(List<?> documents) {
        StringBuilder text = new StringBuilder();
        for (Object document : documents) {
            text.append("---\n").append(write(document));
        }
        return text.toString();
    }

    public static String write(Object document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }
}
