package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.PX;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.START;
import static dev.tandem.sim.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.sim.account.Conservation;
import dev.tandem.sim.account.FundingEngine;
import dev.tandem.sim.account.FundingPayment;
import dev.tandem.sim.account.FundingSettlement;
import dev.tandem.sim.account.LiquidationReport;
import dev.tandem.sim.account.SimLedger;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.agent.LadderAgent;
import dev.tandem.sim.agent.NoiseTaker;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel on a venue with the MARGIN ledger ({@link AccountLedger}): a closed world of the kernel's account and two
 * background agents (a ladder maker and a noise taker), no bar liquidity. Liquidation through the book, funding every
 * 8 hours, conservation of money after the run, determinism.
 */
class MarginVenueTest {

    static final long MAKER = 110;
    static final long TAKER = 111;
    static final long HOUR = 3600 * SECOND;
    /** 1.5 BTC at 60 000 on a 10 000 USDT wallet: 9x. */
    static final long LONG_QTY = BTC.qty("1.500");
    static final long RESTING_BID = BTC.price("57500.00");

    /** The kernel's risk limits, widened so it may hold a 9x position. */
    private static KernelConfig config(final long seed) {
        final RiskLimits d = RiskLimits.defaults();
        final long wide = 200_000 * Fixed.MONEY_ONE;
        final RiskLimits r = new RiskLimits(wide, wide, wide, d.openPositionsMax(), 20 * Fixed.RATE_ONE,
                d.leverageRateMax(), d.priceBandRate(), d.slippageRateMax(), d.strategyOrdersPerWindowMax(),
                d.strategyRateWindowNanos(), d.globalOrdersPerWindowMax(), d.globalRateWindowNanos(),
                d.rateAbuseDenialsMax(), d.rateAbuseWindowNanos(), d.venueFailuresMax(), Fixed.RATE_ONE,
                Fixed.RATE_ONE, d.marginRatioReducingRate(), d.marginRatioFlattenRate(), 100 * HOUR,
                d.pauseOnBreakerOpen(), d.edgeCollapseRate(), d.spotBalanceCheck());
        return Fixtures.config(seed).withRisk(r);
    }

    /** Kernel 10x-ish long at 5 s; agents quote 1 BTC per level around 60 000 and trade noise until {@code end}. */
    private static SimHarness run(final long seed, final FaultPlan plan, final long end, final long agentPeriod) {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(5), c -> c.marketOrder(ID, Side.BUY, LONG_QTY))
                .at(at(6), c -> Fixtures.limitBuy(c, RESTING_BID, BTC.qty("0.100")));
        final SimHarness h = SimHarness.builder(config(seed))
                .venue(v -> v.withMarginLedger().withBarFill(BarFill.NONE).withAccount(SimAccount.agent(MAKER))
                        .withAccount(SimAccount.agent(TAKER)))
                .faults(plan)
                .strategy(Fixtures.spec(s))
                .build();
        h.venue().addAgent(MAKER, new LadderAgent(ID.symbol(), PX, 5, BTC.qty("1.000"), agentPeriod, 3, end));
        h.venue().addAgent(TAKER, new NoiseTaker(ID.symbol(), agentPeriod, 5, end));
        h.start();
        h.runUntil(end);
        return h;
    }

    /** The 9x long, a resting bid far below, then the last price gaps down 15 % at 10 s. */
    private static SimHarness crash(final long seed) {
        return run(seed, FaultPlan.of(Fault.priceGap(at(10), ID.symbol(), -1_500)), at(30), SECOND / 2);
    }

    private static <T extends InboundEvent> List<T> inbound(final SimHarness h, final Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (final InboundEvent e : h.journal().events()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    private static int indexOf(final List<InboundEvent> events, final java.util.function.Predicate<InboundEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static SimLedger simLedger(final SimHarness h) {
        return h.venue().marginLedger().simLedger();
    }

    @Test
    void theLedgerIsChosenInTheConfigurationAndSimpleIsTheDefault() {
        final SimVenueConfig c = SimVenueConfig.defaults("SIM", 1, List.of(BTC));
        assertThat(c.ledger()).isEqualTo(LedgerKind.SIMPLE);
        assertThat(new SimVenue(c).ledger()).isInstanceOf(SimpleLedger.class);
        assertThat(new SimVenue(c).marginLedger()).isNull();
        final SimVenue margin = new SimVenue(c.withMarginLedger(MarginSettings.defaults().withLeverage(5)));
        assertThat(margin.ledger()).isInstanceOf(AccountLedger.class);
        assertThat(margin.marginLedger().settings().leverage()).isEqualTo(5);
    }

    @Test
    void theMarginLedgerRefusesAnOrderBeyondTheAvailableBalance() {
        final SimHarness h = run(1, FaultPlan.none(), at(8), SECOND / 2);
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isEqualTo(LONG_QTY);
        final long im = simLedger(h).account(SimHarness.KERNEL_ACCOUNT).initialMargin(ID.symbol());
        assertThat(im).as("IM at 10x of ~90 000 notional").isBetween(8_900 * Fixed.MONEY_ONE,
                9_100 * Fixed.MONEY_ONE);
        assertThat(h.venue().placeOrder(SimHarness.KERNEL_ACCOUNT, ID.symbol(), Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                PX - 100 * BTC.tickSize(), BTC.qty("1.000"))).as("refused: no margin left").isZero();
        assertThat(h.venue().placeOrder(SimHarness.KERNEL_ACCOUNT, ID.symbol(), Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                PX + 100 * BTC.tickSize(), BTC.qty("1.000"))).as("reducing: no new exposure").isPositive();
    }

    @Test
    void aPriceCrashLiquidatesTheKernelsTenfoldLongThroughTheBook() {
        final SimHarness h = crash(7);

        assertThat(h.events(OrderFilled.class)).isNotEmpty();
        final List<LiquidationReport> liq = h.venue().liquidations();
        assertThat(liq).filteredOn(r -> r.account() == SimHarness.KERNEL_ACCOUNT).singleElement().satisfies(r -> {
            assertThat(r.takeovers()).singleElement().satisfies(t -> {
                assertThat(t.qty()).isEqualTo(LONG_QTY);
                assertThat(t.side()).isEqualTo(Side.SELL);
                assertThat(t.closedInBook()).as("closed through the matching engine").isPositive();
                assertThat(t.closedInBook() + t.deleveraged()).isEqualTo(LONG_QTY);
            });
        });
        assertThat(h.events(OrderCanceled.class)).as("the resting bid").singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo(ReasonCode.VENUE_LIQUIDATION));
        final List<InboundEvent> journal = h.journal().events();
        final int cancelAt = indexOf(journal, e -> e instanceof VenueCanceled);
        final int fillAt = indexOf(journal, e -> e instanceof VenueFill f && f.clientOrderId() == null);
        assertThat(cancelAt).as("its orders are canceled before the liquidation fill").isBetween(0, fillAt - 1);
        final List<VenueFill> fills = inbound(h, VenueFill.class).stream().filter(f -> f.clientOrderId() == null).toList();
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.LIQUIDATION);
            assertThat(f.side()).isEqualTo(Side.SELL);
            assertThat(f.qty()).isEqualTo(LONG_QTY);
            assertThat(f.price()).isEqualTo(liq.get(0).takeovers().get(0).bankruptcyPrice());
            assertThat(f.feeMoney()).isEqualTo(liq.get(0).takeovers().get(0).liquidationFee());
        });
        assertThat(h.events(DriftDetected.class)).filteredOn(d -> d.kind() == DriftKind.LIQUIDATION).singleElement()
                .satisfies(d -> {
                    assertThat(d.localValue()).isEqualTo(LONG_QTY);
                    assertThat(d.venueValue()).isZero();
                });
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isZero();
        assertThat(simLedger(h).account(SimHarness.KERNEL_ACCOUNT).walletBalance("USDT")).as("the account ends at 0").isZero();
        assertThat(simLedger(h).liquidationAccount().positionQty(ID.symbol())).as("the venue closed it all").isZero();
    }

    @Test
    void aForcedLiquidationFaultGoesThroughTheLiquidationEngine() {
        final SimHarness h = run(5, FaultPlan.of(Fault.forcedLiquidation(at(10), ID.symbol())), at(20), SECOND / 2);
        assertThat(h.venue().liquidations()).singleElement().satisfies(r -> {
            assertThat(r.account()).isEqualTo(SimHarness.KERNEL_ACCOUNT);
            assertThat(r.takeovers()).singleElement().satisfies(t -> assertThat(t.qty()).isEqualTo(LONG_QTY));
        });
        assertThat(h.events(DriftDetected.class)).filteredOn(d -> d.kind() == DriftKind.LIQUIDATION).hasSize(1);
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isZero();
        assertThat(Conservation.check(simLedger(h), true)).isEmpty();
    }

    @Test
    void moneyIsConservedInTheClosedWorldAfterTheCrash() {
        final SimHarness h = crash(7);
        assertThat(h.venue().liquidations()).isNotEmpty();
        assertThat(Conservation.check(simLedger(h), true)).isEmpty();
        assertThat(Conservation.solvency(simLedger(h))).isEmpty();
    }

    @Test
    void fundingSettlesEveryEightHoursAndTheKernelAppliesExactlyTheVenuesPayment() {
        final long end = START + 17 * HOUR;
        final SimHarness h = run(3, FaultPlan.none(), end, 60 * SECOND);

        final List<FundingSettlement> settlements = h.venue().fundingSettlements();
        assertThat(settlements).hasSize(2).allSatisfy(s -> {
            assertThat(s.fundingTimeNanos() % FundingEngine.INTERVAL_NANOS).isZero();
            assertThat(s.fundingTimeNanos()).isBetween(START, end);
        });
        final List<FundingPayment> kernelPayments = new ArrayList<>();
        for (final FundingSettlement s : settlements) {
            s.payments().stream().filter(p -> p.account() == SimHarness.KERNEL_ACCOUNT).forEach(kernelPayments::add);
        }
        assertThat(kernelPayments).hasSize(2).allSatisfy(p -> {
            assertThat(p.signedQty()).isEqualTo(LONG_QTY);
            assertThat(p.amount()).as("a long pays at a positive rate").isNegative();
        });
        assertThat(inbound(h, FundingSettled.class)).hasSize(2);
        final List<FundingApplied> applied = h.events(FundingApplied.class);
        assertThat(applied).extracting(FundingApplied::amountMoney)
                .containsExactly(kernelPayments.get(0).amount(), kernelPayments.get(1).amount());
        assertThat(applied).extracting(FundingApplied::signedQty).containsOnly(LONG_QTY);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(LONG_QTY);
        assertThat(simLedger(h).account(SimHarness.KERNEL_ACCOUNT).fundingPnl(ID.symbol()))
                .isEqualTo(kernelPayments.get(0).amount() + kernelPayments.get(1).amount());
        assertThat(Conservation.check(simLedger(h), true)).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameVenueDigestAndTraceHash() {
        final SimHarness a = crash(11);
        final SimHarness b = crash(11);
        assertThat(a.venue().liquidations()).isNotEmpty();
        assertThat(b.venueDigest()).isEqualTo(a.venueDigest());
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(b.runDigest()).isEqualTo(a.runDigest());
        assertThat(crash(12).venueDigest()).as("the seed matters").isNotEqualTo(a.venueDigest());
    }
}
