//! Name lookups, measured side by side: the generated perfect hash (`from_name`) against what
//! people write instead: a hand-written `match`, `std`'s `HashMap`, a `phf` map and a linear
//! scan of the registry. See benches/BENCHMARKS.md for the results and how to read them.
//!
//! Run with `cargo bench --bench lookups`.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use websocket_registry::{Extension, Subprotocol};

/// The alternatives are typed out here by hand, as a library would without this crate.
/// `check_hand_written_lists` stops the benchmark if the registry has moved on, so that no
/// strategy is measured on a different set of names.
macro_rules! hand_written {
    ($ty:ident, $match_fn:ident, $phf_map:ident, { $($name:literal => $variant:ident,)* }) => {
        fn $match_fn(name: &str) -> Option<$ty> {
            match name {
                $($name => Some($ty::$variant),)*
                _ => None,
            }
        }

        static $phf_map: phf::Map<&'static str, $ty> = phf::phf_map! {
            $($name => $ty::$variant,)*
        };
    };
}

hand_written!(Subprotocol, subprotocol_match, SUBPROTOCOL_PHF, {
"MBWS.huawei.com" => MbwsHuaweiCom,
        "MBLWS.huawei.com" => MblwsHuaweiCom,
        "soap" => Soap,
        "wamp" => Wamp,
        "v10.stomp" => V10Stomp,
        "v11.stomp" => V11Stomp,
        "v12.stomp" => V12Stomp,
        "ocpp1.2" => Ocpp1_2,
        "ocpp1.5" => Ocpp1_5,
        "ocpp1.6" => Ocpp1_6,
        "ocpp2.0" => Ocpp2_0,
        "ocpp2.0.1" => Ocpp2_0_1,
        "ocpp2.1" => Ocpp2_1,
        "rfb" => Rfb,
        "sip" => Sip,
        "notificationchannel-netapi-rest.openmobilealliance.org" => NotificationchannelNetapiRestOpenmobileallianceOrg,
        "wpcp" => Wpcp,
        "amqp" => Amqp,
        "mqtt" => Mqtt,
        "jsflow" => Jsflow,
        "rwpcp" => Rwpcp,
        "xmpp" => Xmpp,
        "ship" => Ship,
        "mielecloudconnect" => Mielecloudconnect,
        "v10.pcp.sap.com" => V10PcpSapCom,
        "msrp" => Msrp,
        "v1.saltyrtc.org" => V1SaltyrtcOrg,
        "TLCP-2.0.0.lightstreamer.com" => Tlcp2_0_0LightstreamerCom,
        "bfcp" => Bfcp,
        "sldp.softvelum.com" => SldpSoftvelumCom,
        "opcua+uacp" => OpcuaUacp,
        "opcua+uajson" => OpcuaUajson,
        "v1.swindon-lattice+json" => V1SwindonLatticeJson,
        "v1.usp" => V1Usp,
        "mles-websocket" => MlesWebsocket,
        "coap" => Coap,
        "TLCP-2.1.0.lightstreamer.com" => Tlcp2_1_0LightstreamerCom,
        "sqlnet.oracle.com" => SqlnetOracleCom,
        "oneM2M.R2.0.json" => OneM2MR2_0Json,
        "oneM2M.R2.0.xml" => OneM2MR2_0Xml,
        "oneM2M.R2.0.cbor" => OneM2MR2_0Cbor,
        "transit" => Transit,
        "2016.serverpush.dash.mpeg.org" => Id2016ServerpushDashMpegOrg,
        "2018.mmt.mpeg.org" => Id2018MmtMpegOrg,
        "clue" => Clue,
        "webrtc.softvelum.com" => WebrtcSoftvelumCom,
        "cobra.v2.json" => CobraV2Json,
        "drp" => Drp,
        "hub.bsc.bacnet.org" => HubBscBacnetOrg,
        "dc.bsc.bacnet.org" => DcBscBacnetOrg,
        "jmap" => Jmap,
        "t140" => T140,
        "done" => Done,
        "TLCP-2.2.0.lightstreamer.com" => Tlcp2_2_0LightstreamerCom,
        "collection-update" => CollectionUpdate,
        "TLCP-2.3.0.lightstreamer.com" => Tlcp2_3_0LightstreamerCom,
        "text.ircv3.net" => TextIrcv3Net,
        "binary.ircv3.net" => BinaryIrcv3Net,
        "v3.penguin-stats.live+proto" => V3PenguinStatsLiveProto,
        "TLCP-2.4.0.lightstreamer.com" => Tlcp2_4_0LightstreamerCom,
        "TLCP-2.5.0.lightstreamer.com" => Tlcp2_5_0LightstreamerCom,
        "Redfish" => Redfish,
        "bidib" => Bidib,
        "json.webpubsub.azure.v1" => JsonWebpubsubAzureV1,
        "protobuf.webpubsub.azure.v1" => ProtobufWebpubsubAzureV1,
        "json.reliable.webpubsub.azure.v1" => JsonReliableWebpubsubAzureV1,
        "protobuf.reliable.webpubsub.azure.v1" => ProtobufReliableWebpubsubAzureV1,
        "WebREPL.binary.v1" => WebReplBinaryV1,
        "camp" => Camp,
});

hand_written!(Extension, extension_match, EXTENSION_PHF, {
        "permessage-deflate" => PermessageDeflate,
        "bbf-usp-protocol" => BbfUspProtocol,
});

fn check_hand_written_lists() {
    for &p in Subprotocol::ALL {
        assert_eq!(
            subprotocol_match(p.as_str()),
            Some(p),
            "regenerate the hand-written list"
        );
    }
    assert_eq!(
        SUBPROTOCOL_PHF.len(),
        Subprotocol::ALL.len(),
        "hand-written list is stale"
    );
    for &e in Extension::ALL {
        assert_eq!(
            extension_match(e.as_str()),
            Some(e),
            "regenerate the hand-written list"
        );
    }
    assert_eq!(
        EXTENSION_PHF.len(),
        Extension::ALL.len(),
        "hand-written list is stale"
    );
}

/// A deterministic shuffle (xorshift), so that every run measures the same order and no
/// strategy wins by the branch predictor learning a fixed sequence.
fn shuffled<T: Clone>(items: &[T], rounds: usize) -> Vec<T> {
    let mut out: Vec<T> = (0..rounds).flat_map(|_| items.iter().cloned()).collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

/// What a server sees: mostly registered names, plus the misses a lookup must reject fast:
/// case variants, one-byte edits, long junk and popular unregistered names.
fn realistic_mix(registered: &[&'static str]) -> Vec<String> {
    let mut names: Vec<String> = registered.iter().map(|s| s.to_string()).collect();
    for name in registered.iter().take(16) {
        names.push(name.to_uppercase());
        let mut edited = name.as_bytes().to_vec();
        let last = edited.len() - 1;
        edited[last] ^= 1;
        names.push(String::from_utf8(edited).unwrap_or_default());
    }
    for unregistered in [
        "graphql-transport-ws",
        "graphql-ws",
        "mqttv3.1",
        "json",
        "chat",
        "superchat",
        "actioncable-v1-json",
        "v1.json.rpc",
        "binary",
        "base64",
    ] {
        names.push(unregistered.to_string());
    }
    names.push("x".repeat(200));
    names.push("ocpp1.6".repeat(30));
    shuffled(&names, 32)
}

/// The misses of [`realistic_mix`] alone: what a server that speaks none of the client's
/// subprotocols sees.
fn only_misses(registered: &[&'static str]) -> Vec<String> {
    realistic_mix(registered)
        .into_iter()
        .filter(|name| !registered.contains(&name.as_str()))
        .collect()
}

/// A short stream replayed on every iteration: every registered name four times, shuffled
/// once (276 lookups for the 69 subprotocols). A branch predictor learns it, which favours
/// code whose branches follow the names (a `match`) over code that hashes; this is the stream
/// the performance issue measured.
fn replayed_stream(registered: &[&'static str]) -> Vec<String> {
    shuffled(registered, 4)
        .into_iter()
        .map(String::from)
        .collect()
}

type Lookup<T> = fn(&str) -> Option<T>;

fn bench_names<T: Copy + std::fmt::Debug + 'static>(
    c: &mut Criterion,
    group_name: &str,
    registered: &[&'static str],
    strategies: &[(&str, Lookup<T>)],
    hashmap: &HashMap<&'static str, T>,
    linear: &[(&'static str, T)],
) {
    let hits: Vec<String> = shuffled(registered, 64)
        .into_iter()
        .map(String::from)
        .collect();
    let mix = realistic_mix(registered);
    let misses = only_misses(registered);
    let replayed = replayed_stream(registered);
    for (input_name, inputs) in [
        ("hits", &hits),
        ("mix", &mix),
        ("misses", &misses),
        ("replayed", &replayed),
    ] {
        let mut group = c.benchmark_group(format!("{group_name}/{input_name}"));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        for &(strategy, lookup) in strategies {
            group.bench_function(strategy, |b| {
                b.iter(|| {
                    let mut found = 0usize;
                    for name in inputs {
                        found += lookup(black_box(name)).is_some() as usize;
                    }
                    found
                })
            });
        }
        group.bench_function("std HashMap", |b| {
            b.iter(|| {
                let mut found = 0usize;
                for name in inputs {
                    found += hashmap.get(black_box(name.as_str())).is_some() as usize;
                }
                found
            })
        });
        group.bench_function("linear scan", |b| {
            b.iter(|| {
                let mut found = 0usize;
                for name in inputs {
                    let name = black_box(name.as_str());
                    found += linear.iter().any(|(id, _)| *id == name) as usize;
                }
                found
            })
        });
        group.finish();
    }
}

fn subprotocols(c: &mut Criterion) {
    check_hand_written_lists();
    let registered: Vec<&'static str> = Subprotocol::ALL.iter().map(|p| p.as_str()).collect();
    let hashmap: HashMap<_, _> = Subprotocol::ALL.iter().map(|&p| (p.as_str(), p)).collect();
    let linear: Vec<_> = Subprotocol::ALL.iter().map(|&p| (p.as_str(), p)).collect();
    bench_names(
        c,
        "subprotocol",
        &registered,
        &[
            ("generated from_name", Subprotocol::from_name),
            ("hand-written match", subprotocol_match),
            ("phf", |name| SUBPROTOCOL_PHF.get(name).copied()),
        ],
        &hashmap,
        &linear,
    );
}

fn extensions(c: &mut Criterion) {
    let registered: Vec<&'static str> = Extension::ALL.iter().map(|e| e.as_str()).collect();
    let hashmap: HashMap<_, _> = Extension::ALL.iter().map(|&e| (e.as_str(), e)).collect();
    let linear: Vec<_> = Extension::ALL.iter().map(|&e| (e.as_str(), e)).collect();
    bench_names(
        c,
        "extension",
        &registered,
        &[
            ("generated from_name", Extension::from_name),
            ("hand-written match", extension_match),
            ("phf", |name| EXTENSION_PHF.get(name).copied()),
        ],
        &hashmap,
        &linear,
    );
}

/// A whole `Sec-WebSocket-Protocol` value: split, trim, look every element up.
fn split_and_look_up(value: &str, lookup: impl Fn(&str) -> Option<Subprotocol>) -> usize {
    value
        .split(',')
        .map(|element| element.trim_matches([' ', '\t']))
        .filter(|token| !token.is_empty())
        .filter(|token| lookup(token).is_some())
        .count()
}

fn protocol_header(c: &mut Criterion) {
    let values = [
        "ocpp2.0.1, ocpp1.6",
        "graphql-transport-ws",
        "v12.stomp, v11.stomp, v10.stomp",
        "mqtt, wamp.2.json, wamp.2.msgpack",
        "x-custom-1, x-custom-2, sip, msrp, ocpp2.1, ocpp2.0.1, ocpp1.6, OCPP1.5",
    ];
    let hashmap: HashMap<_, _> = Subprotocol::ALL.iter().map(|&p| (p.as_str(), p)).collect();
    let mut group = c.benchmark_group("protocol header");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("generated Subprotocol::offers", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| {
                    Subprotocol::offers(black_box(v))
                        .filter(|o| o.subprotocol().is_some())
                        .count()
                })
                .sum::<usize>()
        })
    });
    let strategies: [(&str, Lookup<Subprotocol>); 3] = [
        ("split + generated from_name", Subprotocol::from_name),
        ("split + hand-written match", subprotocol_match),
        ("split + phf", |name| SUBPROTOCOL_PHF.get(name).copied()),
    ];
    for (strategy, lookup) in strategies {
        group.bench_function(strategy, |b| {
            b.iter(|| {
                values
                    .iter()
                    .map(|v| split_and_look_up(black_box(v), lookup))
                    .sum::<usize>()
            })
        });
    }
    group.bench_function(BenchmarkId::from_parameter("split + std HashMap"), |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| split_and_look_up(black_box(v), |name| hashmap.get(name).copied()))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, subprotocols, extensions, protocol_header);
criterion_main!(benches);
