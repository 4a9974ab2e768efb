package io.flowdesk.engine.rest;

import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineTest;

/** {@link CountsKeptAheadTest} with the instances run over gRPC. */
@FlowdeskEngineTest(protocol = ClientProtocol.GRPC)
class CountsKeptAheadGrpcTest extends CountsKeptAheadTest {}
