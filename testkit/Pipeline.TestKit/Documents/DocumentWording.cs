namespace Pipeline.TestKit.Documents;

/// <summary>The plausible (and entirely fictitious) wording the generated documents carry.</summary>
internal static class DocumentWording
{
    public const string Insurer = "Northwind Mutual Insurance Company";

    public static readonly string[] InsurancePolicy =
    [
        "NORTHWIND MUTUAL INSURANCE COMPANY",
        "Homeowners Insurance Policy - Declarations Page",
        "",
        "Policy number: NMI-HO-2025-004417",
        "Named insured: Dana Whitfield, 42 Larkspur Lane, Springfield",
        "Policy period: 01 April 2025 to 01 April 2026, 12:01 a.m. local time",
        "",
        "Coverage A - Dwelling: limit of liability USD 350,000",
        "Coverage B - Other structures: USD 35,000",
        "Coverage C - Personal property: USD 175,000",
        "Coverage D - Loss of use: USD 70,000",
        "Coverage E - Personal liability: USD 300,000 each occurrence",
        "All-peril deductible: USD 1,000. Windstorm deductible: 2% of Coverage A.",
        "",
        "We will pay for direct physical loss to property described in Coverages A and B",
        "unless the loss is excluded. We do not cover loss caused by flood, earth movement,",
        "wear and tear, or intentional acts of an insured.",
        "",
        "To report a claim, call 1-800-555-0147 within 30 days of the loss and keep",
        "receipts for emergency repairs. Annual premium: USD 1,284.00.",
    ];

    public static readonly string[] PlanSentences =
    [
        "Members must choose a primary care physician from the Classic HMO network.",
        "Referrals from the primary care physician are required before seeing a specialist.",
        "Emergency care is covered worldwide without prior authorization.",
        "A copayment of $25 applies to each primary care office visit.",
        "Specialist office visits require a copayment of $40 per visit.",
        "Inpatient hospital stays are covered after a $250 copayment per admission.",
        "Prescription drugs are covered under a three-tier formulary.",
        "Preventive care, including annual physicals and immunizations, has no cost share.",
        "Out-of-network services are not covered except for emergencies and urgent care.",
        "The annual out-of-pocket maximum is $6,350 per member and $12,700 per family.",
        "Mental health and substance use services are covered at parity with medical care.",
        "Durable medical equipment requires prior authorization from the plan.",
        "Claims for covered services must be filed within 180 days of the date of service.",
        "Members may appeal any denial of coverage within 60 days of the notice.",
        "Maternity care, including prenatal and postnatal visits, is covered in full.",
        "Vision screening is covered once every 24 months for adult members.",
    ];

    public static readonly string[] HandbookSentences =
    [
        "Report every loss promptly and provide the policy number on all correspondence.",
        "An adjuster will contact the policyholder within two business days of the first notice of loss.",
        "Photographs of the damage should be taken before any temporary repairs are made.",
        "Keep all receipts for emergency repairs, temporary lodging and replacement purchases.",
        "The insurer may request a sworn proof of loss within sixty days of the request.",
        "Payment is issued within thirty days after agreement on the amount of the loss.",
        "Depreciation withheld on replacement cost claims is paid once repairs are completed.",
        "Disputes about the amount of loss may be resolved through the appraisal provision.",
        "Suspected fraud is referred to the special investigations unit for review.",
        "Subrogation rights allow the insurer to recover payments from a responsible third party.",
    ];

    /// <summary>
    /// A claim letter as a poor OCR pass leaves it: a NUL inside a word, a start-of-heading and an
    /// escape byte between fields, a form feed and a vertical tab. Text extraction returns them as they are.
    /// </summary>
    public static readonly string[] ControlCharacterLetter =
    [
        "Claim reference NMI-CL-2025-0193",
        "Dear Ms Whitfield, we ac\0knowledge receipt of your claim for water damage.",
        "Date of loss:\u0001 14 March 2025\u001B Adjuster: Oskar Lindqvist",
        "Please keep\u000B all receipts\f for emergency repairs and temporary lodging.",
        "The claim will be reviewed within\0 ten business days.",
    ];
}
