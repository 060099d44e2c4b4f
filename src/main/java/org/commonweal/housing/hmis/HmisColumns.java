package org.commonweal.housing.hmis;

import java.util.List;

/** Column names and order of the FY2024 HMIS CSV files this module writes (HMIS CSV Format Specifications FY2024). */
final class HmisColumns {

    private HmisColumns() {
    }

    static final List<String> EXPORT = List.of("ExportID", "SourceType", "SourceID", "SourceName",
            "SourceContactFirst", "SourceContactLast", "SourceContactPhone", "SourceContactExtension",
            "SourceContactEmail", "ExportDate", "ExportStartDate", "ExportEndDate", "SoftwareName", "SoftwareVersion",
            "CSVVersion", "ExportPeriodType", "ExportDirective", "HashStatus", "ImplementationID");

    static final List<String> ORGANIZATION = List.of("OrganizationID", "OrganizationName", "VictimServiceProvider",
            "OrganizationCommonName", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID");

    static final List<String> PROJECT = List.of("ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName",
            "OperatingStartDate", "OperatingEndDate", "ContinuumProject", "ProjectType", "HousingType", "RRHSubType",
            "ResidentialAffiliation", "TargetPopulation", "HOPWAMedAssistedLivingFac", "PITCount", "DateCreated",
            "DateUpdated", "UserID", "DateDeleted", "ExportID");

    static final List<String> CLIENT = List.of("PersonalID", "FirstName", "MiddleName", "LastName", "NameSuffix",
            "NameDataQuality", "SSN", "SSNDataQuality", "DOB", "DOBDataQuality", "AmIndAKNative", "Asian",
            "BlackAfAmerican", "HispanicLatinaeo", "MidEastNAfrican", "NativeHIPacific", "White", "RaceNone",
            "AdditionalRaceEthnicity", "Woman", "Man", "NonBinary", "CulturallySpecific", "Transgender", "Questioning",
            "DifferentIdentity", "GenderNone", "DifferentIdentityText", "VeteranStatus", "YearEnteredService",
            "YearSeparated", "WorldWarII", "KoreanWar", "VietnamWar", "DesertStorm", "AfghanistanOEF", "IraqOIF",
            "IraqOND", "OtherTheater", "MilitaryBranch", "DischargeStatus", "DateCreated", "DateUpdated", "UserID",
            "DateDeleted", "ExportID");

    static final List<String> ENROLLMENT = List.of("EnrollmentID", "PersonalID", "ProjectID", "EntryDate",
            "HouseholdID", "RelationshipToHoH", "EnrollmentCoC", "LivingSituation", "RentalSubsidyType",
            "LengthOfStay", "LOSUnderThreshold", "PreviousStreetESSH", "DateToStreetESSH",
            "TimesHomelessPastThreeYears", "MonthsHomelessPastThreeYears", "DisablingCondition", "DateOfEngagement",
            "MoveInDate", "DateOfPATHStatus", "ClientEnrolledInPATH", "ReasonNotEnrolled", "PercentAMI",
            "ReferralSource", "CountOutreachReferralApproaches", "DateOfBCPStatus", "EligibleForRHY",
            "ReasonNoServices", "RunawayYouth", "SexualOrientation", "SexualOrientationOther",
            "FormerWardChildWelfare", "ChildWelfareYears", "ChildWelfareMonths", "FormerWardJuvenileJustice",
            "JuvenileJusticeYears", "JuvenileJusticeMonths", "UnemploymentFam", "MentalHealthDisorderFam",
            "PhysicalDisabilityFam", "AlcoholDrugUseDisorderFam", "InsufficientIncome", "IncarceratedParent",
            "TargetScreenReqd", "TimeToHousingLoss", "AnnualPercentAMI", "LiteralHomelessHistory", "ClientLeaseholder",
            "HOHLeaseholder", "SubsidyAtRisk", "EvictionHistory", "CriminalRecord", "IncarceratedAdult",
            "PrisonDischarge", "SexOffender", "DisabledHoH", "CurrentPregnant", "SingleParent", "DependentUnder6",
            "HH5Plus", "CoCPrioritized", "HPScreeningScore", "ThresholdScore", "VAMCStation", "DateCreated",
            "DateUpdated", "UserID", "DateDeleted", "ExportID");

    static final List<String> EXIT = List.of("ExitID", "EnrollmentID", "PersonalID", "ExitDate", "Destination",
            "DestinationSubsidyType", "OtherDestination", "HousingAssessment", "SubsidyInformation",
            "ProjectCompletionStatus", "EarlyExitReason", "ExchangeForSex", "ExchangeForSexPastThreeMonths",
            "CountOfExchangeForSex", "AskedOrForcedToExchangeForSex", "AskedOrForcedToExchangeForSexPastThreeMonths",
            "WorkplaceViolenceThreats", "WorkplacePromiseDifference", "CoercedToContinueWork",
            "LaborExploitPastThreeMonths", "CounselingReceived", "IndividualCounseling", "FamilyCounseling",
            "GroupCounseling", "SessionCountAtExit", "PostExitCounselingPlan", "SessionsInPlan",
            "DestinationSafeClient", "DestinationSafeWorker", "PosAdultConnections", "PosPeerConnections",
            "PosCommunityConnections", "AftercareDate", "AftercareProvided", "EmailSocialMedia", "Telephone",
            "InPersonIndividual", "InPersonGroup", "CMExitReason", "DateCreated", "DateUpdated", "UserID",
            "DateDeleted", "ExportID");

    static final List<String> SERVICES = List.of("ServicesID", "EnrollmentID", "PersonalID", "DateProvided",
            "RecordType", "TypeProvided", "OtherTypeProvided", "MovingOnOtherType", "SubTypeProvided", "FAAmount",
            "FAStartDate", "FAEndDate", "ReferralOutcome", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
            "ExportID");

    static final List<String> EVENT = List.of("EventID", "EnrollmentID", "PersonalID", "EventDate", "Event",
            "ProbSolDivRRResult", "ReferralCaseManageAfter", "LocationCrisisOrPHHousing", "ReferralResult",
            "ResultDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID");
}
