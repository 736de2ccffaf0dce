package io.acicni.ipam.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.ipam.kubernetes.InformerReadModel;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every engine test again, with the engine reading the cluster the way ipam's informers hold it:
 * each object written and read back through {@link InformerReadModel}'s mapper. A field the engine
 * reads that the read model drops makes the test that depends on it fail here.
 */
class IpamEngineReadModelTest extends IpamEngineTest {
    @Override
    FakeCluster newCluster() {
        return new FakeCluster(new KubernetesSerialization(InformerReadModel.register(new ObjectMapper()), true));
    }
}
