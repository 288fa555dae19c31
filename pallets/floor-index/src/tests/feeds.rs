//! Feeds: governance adds, changes and removes the HTTP sources of a collection.

use super::*;
use crate::{Error, FeedCount, Feeds, Indices};

const C: u32 = 7;

fn two_sources() -> SourcesOf<Test> {
	sources(&[
		(
			"https://api.example.com/collections/7/floor",
			"/collection/floorAsk/price/amount/decimal",
			0,
		),
		("http://localhost:8787/7", "", 18),
	])
}

#[test]
fn add_feed_by_root() {
	new_test_ext().execute_with(|| {
		assert_eq!(FeedCount::<Test>::get(), 0);
		assert_ok!(FloorIndex::add_feed(RuntimeOrigin::root(), C, two_sources()));
		assert_eq!(Feeds::<Test>::get(C), Some(two_sources()));
		assert_eq!(FeedCount::<Test>::get(), 1);
		assert_eq!(events(), vec![Event::FeedAdded { collection: C, sources: 2 }]);
		check();
	});
}

#[test]
fn feed_calls_need_governance() {
	new_test_ext().execute_with(|| {
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::none()] {
			assert_noop!(
				FloorIndex::add_feed(origin.clone(), C, two_sources()),
				DispatchError::BadOrigin
			);
		}
		add_feed(C);
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::none()] {
			assert_noop!(
				FloorIndex::set_sources(origin.clone(), C, two_sources()),
				DispatchError::BadOrigin
			);
			assert_noop!(FloorIndex::remove_feed(origin, C), DispatchError::BadOrigin);
		}
		// the authorized origin of reports is not governance either
		let authorized = || RuntimeOrigin::from(frame_system::RawOrigin::Authorized);
		assert_noop!(
			FloorIndex::add_feed(authorized(), 8, two_sources()),
			DispatchError::BadOrigin
		);
		assert_noop!(FloorIndex::remove_feed(authorized(), C), DispatchError::BadOrigin);
		assert_eq!(FeedCount::<Test>::get(), 1);
		check();
	});
}

#[test]
fn add_feed_errors() {
	new_test_ext().execute_with(|| {
		add_feed(C);
		assert_noop!(
			FloorIndex::add_feed(RuntimeOrigin::root(), C, two_sources()),
			Error::<Test>::FeedExists
		);
		assert_noop!(
			FloorIndex::add_feed(RuntimeOrigin::root(), 8, sources(&[])),
			Error::<Test>::NoSources
		);
		for bad_url in ["ftp://example.com/floor", "example.com/floor", "", "httpx://a", "http:/a"]
		{
			assert_noop!(
				FloorIndex::add_feed(
					RuntimeOrigin::root(),
					8,
					sources(&[("https://ok.example/1", "/p", 0), (bad_url, "/p", 0)])
				),
				Error::<Test>::BadUrl
			);
		}
		for bad_pointer in ["abc", "floor/price", "#/floor"] {
			assert_noop!(
				FloorIndex::add_feed(
					RuntimeOrigin::root(),
					8,
					sources(&[("https://a/1", bad_pointer, 0)])
				),
				Error::<Test>::BadPointer
			);
		}
		assert_noop!(
			FloorIndex::add_feed(RuntimeOrigin::root(), 8, sources(&[("https://a/1", "/p", 37)])),
			Error::<Test>::TooManyDecimals
		);
		assert_noop!(
			FloorIndex::add_feed(
				RuntimeOrigin::root(),
				8,
				sources(&[("https://a/1", "/p", u8::MAX)])
			),
			Error::<Test>::TooManyDecimals
		);
		// the limits themselves are fine: empty pointer (whole document), 36 decimals
		assert_ok!(FloorIndex::add_feed(
			RuntimeOrigin::root(),
			8,
			sources(&[
				("https://a/1", "", 36),
				("http://b/2", "/", 0),
				("https://c/3", "/a/0/b", 18)
			])
		));
		assert_eq!(FeedCount::<Test>::get(), 2);
		check();
	});
}

#[test]
fn too_many_feeds() {
	new_test_ext().execute_with(|| {
		for c in 0..4 {
			add_feed(c);
		}
		assert_eq!(FeedCount::<Test>::get(), 4);
		assert_noop!(
			FloorIndex::add_feed(RuntimeOrigin::root(), 4, two_sources()),
			Error::<Test>::TooManyFeeds
		);
		// a removal frees a slot
		assert_ok!(FloorIndex::remove_feed(RuntimeOrigin::root(), 2));
		assert_eq!(FeedCount::<Test>::get(), 3);
		assert_ok!(FloorIndex::add_feed(RuntimeOrigin::root(), 4, two_sources()));
		assert_eq!(FeedCount::<Test>::get(), 4);
		assert_noop!(
			FloorIndex::add_feed(RuntimeOrigin::root(), 2, two_sources()),
			Error::<Test>::TooManyFeeds
		);
		let mut feeds: Vec<u32> = Feeds::<Test>::iter_keys().collect();
		feeds.sort();
		assert_eq!(feeds, vec![0, 1, 3, 4]);
		check();
	});
}

#[test]
fn set_sources_replaces_the_sources() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), C, two_sources()),
			Error::<Test>::NoFeed
		);
		add_feed(C);
		System::reset_events();
		assert_ok!(FloorIndex::set_sources(RuntimeOrigin::root(), C, two_sources()));
		assert_eq!(Feeds::<Test>::get(C), Some(two_sources()));
		assert_eq!(FeedCount::<Test>::get(), 1);
		assert_eq!(events(), vec![Event::SourcesSet { collection: C, sources: 2 }]);
		// validated like a new feed; a refused change leaves the feed as it was
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), C, sources(&[])),
			Error::<Test>::NoSources
		);
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), C, sources(&[("ftp://a", "/p", 0)])),
			Error::<Test>::BadUrl
		);
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), C, sources(&[("https://a", "abc", 0)])),
			Error::<Test>::BadPointer
		);
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), C, sources(&[("https://a", "/p", 37)])),
			Error::<Test>::TooManyDecimals
		);
		// validation comes before the feed lookup
		assert_noop!(
			FloorIndex::set_sources(RuntimeOrigin::root(), 99, sources(&[])),
			Error::<Test>::NoSources
		);
		assert_eq!(Feeds::<Test>::get(C), Some(two_sources()));
		check();
	});
}

#[test]
fn remove_feed_keeps_the_index() {
	new_test_ext().execute_with(|| {
		assert_noop!(FloorIndex::remove_feed(RuntimeOrigin::root(), C), Error::<Test>::NoFeed);
		set_operators(&[1]);
		add_feed(C);
		add_feed(8);
		submit(1, &[(C, units(20))]);
		assert_eq!(FloorIndex::current_index(&C), Some((units(20), 1)));
		System::reset_events();

		assert_ok!(FloorIndex::remove_feed(RuntimeOrigin::root(), C));
		assert_eq!(events(), vec![Event::FeedRemoved { collection: C }]);
		assert_eq!(Feeds::<Test>::get(C), None);
		assert_eq!(FeedCount::<Test>::get(), 1);
		assert_noop!(FloorIndex::remove_feed(RuntimeOrigin::root(), C), Error::<Test>::NoFeed);
		// the index stays (and goes stale) ...
		assert!(Indices::<Test>::contains_key(C));
		go_to(5);
		assert_eq!(FloorIndex::current_index(&C), Some((units(20), 1)));
		// ... and new prices for it are refused
		System::reset_events();
		submit(1, &[(C, units(21))]);
		assert_eq!(
			events(),
			vec![Event::ReportAccepted { operator: 1, round: 1, accepted: 0, rejected: 1 }]
		);
		assert_eq!(FloorIndex::current_index(&C), Some((units(20), 1)));
		check();
	});
}

fn genesis(feeds: Vec<(u32, crate::GenesisSources)>) -> TestState {
	genesis_with(feeds, 0, 0)
}

fn genesis_with(
	feeds: Vec<(u32, crate::GenesisSources)>,
	quorum: u32,
	clamp_window: u32,
) -> TestState {
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		floor_index: crate::GenesisConfig::<Test> { feeds, quorum, clamp_window },
	}
	.build_storage()
	.unwrap();
	TestState::new(t)
}

#[test]
fn genesis_config_builds_feeds() {
	genesis(vec![
		(3, vec![(b"https://a.example/3".to_vec(), b"/floor".to_vec(), 18)]),
		(
			5,
			vec![
				(b"http://b.example/5".to_vec(), b"".to_vec(), 0),
				(b"https://c.example/5".to_vec(), b"/x/0".to_vec(), 36),
			],
		),
	])
	.execute_with(|| {
		assert_eq!(FeedCount::<Test>::get(), 2);
		assert_eq!(Feeds::<Test>::get(3), Some(sources(&[("https://a.example/3", "/floor", 18)])));
		assert_eq!(
			Feeds::<Test>::get(5),
			Some(sources(&[("http://b.example/5", "", 0), ("https://c.example/5", "/x/0", 36)]))
		);
		assert_eq!(Feeds::<Test>::get(4), None);
		check();
	});
}

#[test]
fn genesis_config_empty() {
	genesis(vec![]).execute_with(|| {
		assert_eq!(FeedCount::<Test>::get(), 0);
		assert_eq!(Feeds::<Test>::iter().count(), 0);
		check();
	});
}

#[test]
#[should_panic(expected = "genesis: invalid feed")]
fn genesis_config_rejects_invalid_feed() {
	genesis(vec![(3, vec![(b"ftp://a.example/3".to_vec(), b"/floor".to_vec(), 0)])]);
}

#[test]
#[should_panic(expected = "genesis: invalid feed")]
fn genesis_config_rejects_duplicate_feed() {
	genesis(vec![
		(3, vec![(b"https://a.example/3".to_vec(), b"/floor".to_vec(), 0)]),
		(3, vec![(b"https://b.example/3".to_vec(), b"/floor".to_vec(), 0)]),
	]);
}

#[test]
#[should_panic(expected = "genesis: URL too long")]
fn genesis_config_rejects_long_url() {
	let mut url = b"https://a.example/".to_vec();
	url.resize(129, b'x');
	genesis(vec![(3, vec![(url, b"/floor".to_vec(), 0)])]);
}

#[test]
#[should_panic(expected = "genesis: too many sources")]
fn genesis_config_rejects_too_many_sources() {
	let s = (b"https://a.example/3".to_vec(), b"/floor".to_vec(), 0);
	genesis(vec![(3, vec![s.clone(), s.clone(), s.clone(), s])]);
}

#[test]
fn genesis_config_sets_the_rules() {
	// zero: the defaults (quorum 1, a per-block clamp)
	genesis(vec![]).execute_with(|| {
		assert_eq!(crate::Rules::<Test>::get(), crate::OracleRules { quorum: 1, clamp_window: 1 });
	});
	genesis_with(vec![], 2, 40).execute_with(|| {
		assert_eq!(crate::Rules::<Test>::get(), crate::OracleRules { quorum: 2, clamp_window: 40 });
	});
}

#[test]
#[should_panic(expected = "clamp window longer than the TWAP history")]
fn genesis_refuses_a_clamp_window_beyond_the_history() {
	// 8 snapshots of 5-block rounds: 40 blocks at most
	let _ = genesis_with(vec![], 2, 41);
}
