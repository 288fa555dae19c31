//! Which NFT collections may back a market, read from pallet-nfts.
//!
//! The clearing house escrows NFTs in its vault and values them at the index. A collection's
//! roles could hurt that escrow: its **owner** can `lock_collection` (no item of it moves
//! again, escrowed ones included) and re-assign its roles; a **Freezer** can
//! `lock_item_transfer` an escrowed item; an **Admin** can lock item properties and edit
//! metadata and attributes; an **Issuer** with an unlocked supply can mint collateral without
//! limit. So [`CededCollections`] accepts a collection for a market only if
//!
//! 1. its owner is [`collection_custodian`] — a keyless account that only governance acts for
//!    (pallet-nfts' `ForceOrigin` is the governance origin): the creator cedes it with
//!    `nfts.force_collection_owner` through governance;
//! 2. no account but the custodian holds the Freezer or the Admin role (`nfts.set_team`);
//! 3. its items are transferable (`TransferableItems` not disabled);
//! 4. its maximum supply is set and locked (`UnlockedMaxSupply` disabled): the Issuer may stay
//!    with the creator and mint up to that supply.
//!
//! Once the owner is the custodian, only governance can change any of this.

use super::*;
use pallet_floor_perp::{CollectionPolicy, CollectionRisk};
use pallet_nfts::{CollectionRole, CollectionSetting};

/// Id of the account that holds NFT collections for governance.
pub const COLLECTION_CUSTODIAN_ID: frame_support::PalletId = frame_support::PalletId(*b"flr/coll");

/// The keyless account collections are ceded to (see [`COLLECTION_CUSTODIAN_ID`]).
pub fn collection_custodian() -> AccountId {
	use sp_runtime::traits::AccountIdConversion;
	COLLECTION_CUSTODIAN_ID.into_account_truncating()
}

/// The rules above, over pallet-nfts' storage (at most three role entries per collection:
/// `set_team` replaces them all).
pub struct CededCollections;
impl CollectionPolicy<CollectionId> for CededCollections {
	fn check(collection: &CollectionId) -> Result<(), CollectionRisk> {
		let custodian = collection_custodian();
		let details =
			pallet_nfts::Collection::<Runtime>::get(collection).ok_or(CollectionRisk::Unknown)?;
		if details.owner != custodian {
			return Err(CollectionRisk::OwnerNotCeded);
		}
		for (who, roles) in pallet_nfts::CollectionRoleOf::<Runtime>::iter_prefix(collection) {
			if who != custodian
				&& (roles.has_role(CollectionRole::Freezer)
					|| roles.has_role(CollectionRole::Admin))
			{
				return Err(CollectionRisk::RoleNotCeded);
			}
		}
		let config = pallet_nfts::CollectionConfigOf::<Runtime>::get(collection)
			.ok_or(CollectionRisk::Unknown)?;
		if !config.is_setting_enabled(CollectionSetting::TransferableItems) {
			return Err(CollectionRisk::ItemsNotTransferable);
		}
		if config.max_supply.is_none()
			|| config.is_setting_enabled(CollectionSetting::UnlockedMaxSupply)
		{
			return Err(CollectionRisk::SupplyNotLocked);
		}
		Ok(())
	}
}
