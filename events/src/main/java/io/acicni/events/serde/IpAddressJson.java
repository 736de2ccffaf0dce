package io.acicni.events.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;

import java.io.IOException;

/** Jackson module that reads and writes {@link IPAddress} as its canonical text (RFC 5952 for IPv6). */
public final class IpAddressJson {
    private IpAddressJson() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("acicni-ipaddress");
        module.addSerializer(IPAddress.class, new Writer());
        module.addDeserializer(IPAddress.class, new Reader());
        return module;
    }

    static final class Writer extends JsonSerializer<IPAddress> {
        @Override
        public void serialize(IPAddress value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Addresses.format(value));
        }
    }

    static final class Reader extends JsonDeserializer<IPAddress> {
        @Override
        public IPAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidEventException(null, "must be an IP address string, got " + p.currentToken());
            }
            try {
                return Addresses.parse(p.getText(), null);
            } catch (InvalidEventException e) {
                throw new InvalidEventException(null, e.problem());
            }
        }
    }
}
