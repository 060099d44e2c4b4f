package org.commonweal.housing.hmis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the FY2026 HMIS CSV Format Specifications (HUD; in force since 1 October 2025) and their columns in
 * file order. The lists were taken from the FY2026 column list of HUD's Eva tool (abtassociates/eva,
 * {@code public-resources/columns.csv}, commit b42d0eb1 of 1 October 2025, "additional FY26 data changes of expected
 * columns"); see docs/housing.md for what was checked against what.
 */
final class HmisColumns {

    private HmisColumns() {
    }

    /** The CSVVersion this module writes in Export.csv. */
    static final String CSV_VERSION = "2026 v1.0";

    /** Every file of the set, in the order they are written and read (referenced files first). */
    static final Map<String, List<String>> FY2026 = ordered(
            Map.entry("Export.csv", List.of(
                    "ExportID", "SourceType", "SourceID", "SourceName", "SourceContactFirst", "SourceContactLast",
                    "SourceContactPhone", "SourceContactExtension", "SourceContactEmail", "ExportDate", "ExportStartDate",
                    "ExportEndDate", "SoftwareName", "SoftwareVersion", "CSVVersion", "ExportPeriodType", "ExportDirective",
                    "HashStatus", "ImplementationID")),
            Map.entry("Organization.csv", List.of(
                    "OrganizationID", "OrganizationName", "VictimServiceProvider", "OrganizationCommonName", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("User.csv", List.of(
                    "UserID", "UserFirstName", "UserLastName", "UserPhone", "UserExtension", "UserEmail", "DateCreated",
                    "DateUpdated", "DateDeleted", "ExportID")),
            Map.entry("Project.csv", List.of(
                    "ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName", "OperatingStartDate",
                    "OperatingEndDate", "ContinuumProject", "ProjectType", "HousingType", "RRHSubType",
                    "ResidentialAffiliation", "TargetPopulation", "HOPWAMedAssistedLivingFac", "PITCount", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Funder.csv", List.of(
                    "FunderID", "ProjectID", "Funder", "OtherFunder", "GrantID", "StartDate", "EndDate", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("ProjectCoC.csv", List.of(
                    "ProjectCoCID", "ProjectID", "CoCCode", "Geocode", "Address1", "Address2", "City", "State", "ZIP",
                    "GeographyType", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Inventory.csv", List.of(
                    "InventoryID", "ProjectID", "CoCCode", "HouseholdType", "Availability", "UnitInventory", "BedInventory",
                    "CHVetBedInventory", "YouthVetBedInventory", "VetBedInventory", "CHYouthBedInventory",
                    "YouthBedInventory", "CHBedInventory", "OtherBedInventory", "ESBedType", "InventoryStartDate",
                    "InventoryEndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Affiliation.csv", List.of(
                    "AffiliationID", "ProjectID", "ResProjectID", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
                    "ExportID")),
            Map.entry("HMISParticipation.csv", List.of(
                    "HMISParticipationID", "ProjectID", "HMISParticipationType", "HMISParticipationStatusStartDate",
                    "HMISParticipationStatusEndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("CEParticipation.csv", List.of(
                    "CEParticipationID", "ProjectID", "AccessPoint", "PreventionAssessment", "CrisisAssessment",
                    "HousingAssessment", "DirectServices", "ReceivesReferrals", "CEParticipationStatusStartDate",
                    "CEParticipationStatusEndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Client.csv", List.of(
                    "PersonalID", "FirstName", "MiddleName", "LastName", "NameSuffix", "NameDataQuality", "SSN",
                    "SSNDataQuality", "DOB", "DOBDataQuality", "Sex", "AmIndAKNative", "Asian", "BlackAfAmerican",
                    "HispanicLatinao", "MidEastNAfrican", "NativeHIPacific", "White", "RaceNone", "AdditionalRaceEthnicity",
                    "VeteranStatus", "YearEnteredService", "YearSeparated", "WorldWarII", "KoreanWar", "VietnamWar",
                    "DesertStorm", "AfghanistanOEF", "IraqOIF", "IraqOND", "OtherTheater", "MilitaryBranch",
                    "DischargeStatus", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Enrollment.csv", List.of(
                    "EnrollmentID", "PersonalID", "ProjectID", "EntryDate", "HouseholdID", "RelationshipToHoH",
                    "EnrollmentCoC", "LivingSituation", "RentalSubsidyType", "LengthOfStay", "LOSUnderThreshold",
                    "PreviousStreetESSH", "DateToStreetESSH", "TimesHomelessPastThreeYears", "MonthsHomelessPastThreeYears",
                    "DisablingCondition", "DateOfEngagement", "MoveInDate", "DateOfPATHStatus", "ClientEnrolledInPATH",
                    "ReasonNotEnrolled", "PercentAMI", "ReferralSource", "CountOutreachReferralApproaches",
                    "DateOfBCPStatus", "EligibleForRHY", "ReasonNoServices", "RunawayYouth", "MentalHealthConsultation",
                    "FormerWardChildWelfare", "ChildWelfareYears", "ChildWelfareMonths", "FormerWardJuvenileJustice",
                    "JuvenileJusticeYears", "JuvenileJusticeMonths", "UnemploymentFam", "MentalHealthDisorderFam",
                    "PhysicalDisabilityFam", "AlcoholDrugUseDisorderFam", "InsufficientIncome", "IncarceratedParent",
                    "VAMCStation", "TargetScreenReqd", "TimeToHousingLoss", "AnnualPercentAMI", "LiteralHomelessHistory",
                    "ClientLeaseholder", "HOHLeaseholder", "SubsidyAtRisk", "EvictionHistory", "CriminalRecord",
                    "IncarceratedAdult", "PrisonDischarge", "SexOffender", "DisabledHoH", "CurrentPregnant", "SingleParent",
                    "DependentUnder6", "HH5Plus", "CoCPrioritized", "HPScreeningScore", "ThresholdScore", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Exit.csv", List.of(
                    "ExitID", "EnrollmentID", "PersonalID", "ExitDate", "Destination", "DestinationSubsidyType",
                    "OtherDestination", "HousingAssessment", "SubsidyInformation", "ProjectCompletionStatus",
                    "EarlyExitReason", "ExchangeForSex", "ExchangeForSexPastThreeMonths", "CountOfExchangeForSex",
                    "AskedOrForcedToExchangeForSex", "AskedOrForcedToExchangeForSexPastThreeMonths",
                    "WorkplaceViolenceThreats", "WorkplacePromiseDifference", "CoercedToContinueWork",
                    "LaborExploitPastThreeMonths", "CounselingReceived", "IndividualCounseling", "FamilyCounseling",
                    "GroupCounseling", "SessionCountAtExit", "PostExitCounselingPlan", "SessionsInPlan",
                    "DestinationSafeClient", "DestinationSafeWorker", "PosAdultConnections", "PosPeerConnections",
                    "PosCommunityConnections", "AftercareDate", "AftercareProvided", "EmailSocialMedia", "Telephone",
                    "InPersonIndividual", "InPersonGroup", "CMExitReason", "DateCreated", "DateUpdated", "UserID",
                    "DateDeleted", "ExportID")),
            Map.entry("IncomeBenefits.csv", List.of(
                    "IncomeBenefitsID", "EnrollmentID", "PersonalID", "InformationDate", "IncomeFromAnySource",
                    "TotalMonthlyIncome", "Earned", "EarnedAmount", "Unemployment", "UnemploymentAmount", "SSI",
                    "SSIAmount", "SSDI", "SSDIAmount", "VADisabilityService", "VADisabilityServiceAmount",
                    "VADisabilityNonService", "VADisabilityNonServiceAmount", "PrivateDisability",
                    "PrivateDisabilityAmount", "WorkersComp", "WorkersCompAmount", "TANF", "TANFAmount", "GA", "GAAmount",
                    "SocSecRetirement", "SocSecRetirementAmount", "Pension", "PensionAmount", "ChildSupport",
                    "ChildSupportAmount", "Alimony", "AlimonyAmount", "OtherIncomeSource", "OtherIncomeAmount",
                    "OtherIncomeSourceIdentify", "BenefitsFromAnySource", "SNAP", "WIC", "TANFChildCare",
                    "TANFTransportation", "OtherTANF", "OtherBenefitsSource", "OtherBenefitsSourceIdentify",
                    "InsuranceFromAnySource", "Medicaid", "NoMedicaidReason", "Medicare", "NoMedicareReason", "SCHIP",
                    "NoSCHIPReason", "VHAServices", "NoVHAReason", "EmployerProvided", "NoEmployerProvidedReason", "COBRA",
                    "NoCOBRAReason", "PrivatePay", "NoPrivatePayReason", "StateHealthIns", "NoStateHealthInsReason",
                    "IndianHealthServices", "NoIndianHealthServicesReason", "OtherInsurance", "OtherInsuranceIdentify",
                    "ADAP", "NoADAPReason", "RyanWhiteMedDent", "NoRyanWhiteReason", "ConnectionWithSOAR",
                    "DataCollectionStage", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("HealthAndDV.csv", List.of(
                    "HealthAndDVID", "EnrollmentID", "PersonalID", "InformationDate", "DomesticViolenceSurvivor",
                    "WhenOccurred", "CurrentlyFleeing", "GeneralHealthStatus", "DentalHealthStatus", "MentalHealthStatus",
                    "PregnancyStatus", "DueDate", "DataCollectionStage", "DateCreated", "DateUpdated", "UserID",
                    "DateDeleted", "ExportID")),
            Map.entry("EmploymentEducation.csv", List.of(
                    "EmploymentEducationID", "EnrollmentID", "PersonalID", "InformationDate", "LastGradeCompleted",
                    "SchoolStatus", "Employed", "EmploymentType", "NotEmployedReason", "DataCollectionStage", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Disabilities.csv", List.of(
                    "DisabilitiesID", "EnrollmentID", "PersonalID", "InformationDate", "DisabilityType",
                    "DisabilityResponse", "IndefiniteAndImpairs", "TCellCountAvailable", "TcellCount", "TcellSource",
                    "ViralLoadAvailable", "ViralLoad", "ViralLoadSource", "AntiRetroviral", "DataCollectionStage",
                    "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Services.csv", List.of(
                    "ServicesID", "EnrollmentID", "PersonalID", "DateProvided", "RecordType", "TypeProvided",
                    "OtherTypeProvided", "MovingOnOtherType", "SubTypeProvided", "FAAmount", "FAStartDate", "FAEndDate",
                    "ReferralOutcome", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("CurrentLivingSituation.csv", List.of(
                    "CurrentLivingSitID", "EnrollmentID", "PersonalID", "InformationDate", "CurrentLivingSituation",
                    "CLSSubsidyType", "VerifiedBy", "LeaveSituation14Days", "SubsequentResidence", "ResourcesToObtain",
                    "LeaseOwn60Day", "MovedTwoOrMore", "LocationDetails", "DateCreated", "DateUpdated", "UserID",
                    "DateDeleted", "ExportID")),
            Map.entry("Assessment.csv", List.of(
                    "AssessmentID", "EnrollmentID", "PersonalID", "AssessmentDate", "AssessmentLocation", "AssessmentType",
                    "AssessmentLevel", "PrioritizationStatus", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
                    "ExportID")),
            Map.entry("AssessmentQuestions.csv", List.of(
                    "AssessmentQuestionID", "AssessmentID", "EnrollmentID", "PersonalID", "AssessmentQuestionGroup",
                    "AssessmentQuestionOrder", "AssessmentQuestion", "AssessmentAnswer", "DateCreated", "DateUpdated",
                    "UserID", "DateDeleted", "ExportID")),
            Map.entry("AssessmentResults.csv", List.of(
                    "AssessmentResultID", "AssessmentID", "EnrollmentID", "PersonalID", "AssessmentResultType",
                    "AssessmentResult", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("Event.csv", List.of(
                    "EventID", "EnrollmentID", "PersonalID", "EventDate", "Event", "ProbSolDivRRResult",
                    "ReferralCaseManageAfter", "LocationCrisisOrPHHousing", "ReferralResult", "ResultDate", "DateCreated",
                    "DateUpdated", "UserID", "DateDeleted", "ExportID")),
            Map.entry("YouthEducationStatus.csv", List.of(
                    "YouthEducationStatusID", "EnrollmentID", "PersonalID", "InformationDate", "CurrentSchoolAttend",
                    "MostRecentEdStatus", "CurrentEdStatus", "DataCollectionStage", "DateCreated", "DateUpdated", "UserID",
                    "DateDeleted", "ExportID")));

    static List<String> of(String file) {
        List<String> columns = FY2026.get(file);
        if (columns == null) {
            throw new IllegalArgumentException("not a file of the FY2026 HMIS CSV set: " + file);
        }
        return columns;
    }

    /** The record's own id column: the file's first column (Export.csv: ExportID, Client.csv: PersonalID …). */
    static String idColumn(String file) {
        return of(file).get(0);
    }

    @SafeVarargs
    private static Map<String, List<String>> ordered(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (var e : entries) {
            files.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(files);
    }
}
