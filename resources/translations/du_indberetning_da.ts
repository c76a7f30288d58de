<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name>BackupList</name>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="13"/>
        <source>daily</source>
        <translation>daglig</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="14"/>
        <source>before loading files</source>
        <translation>før indlæsning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="15"/>
        <source>before a restore</source>
        <translation>før gendannelse</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="16"/>
        <source>before an upgrade</source>
        <translation>før opgradering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="22"/>
        <source>cannot be read</source>
        <translation>kan ikke læses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="24"/>
        <source>1 student</source>
        <translation>1 kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="26"/>
        <source>{n} students</source>
        <translation>{n} kursister</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/backup_list.py" line="47"/>
        <source>None yet: the first is taken at the next start, or before the next import.</source>
        <translation>Ingen endnu: den første tages ved næste start eller før næste indlæsning.</translation>
    </message>
</context>
<context>
    <name>ChangeHoldDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="167"/>
        <source>Change hold</source>
        <translation>Skift hold</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="16"/>
        <source>End placement</source>
        <translation>Afslut placering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="18"/>
        <source>Passed module test</source>
        <translation>&amp;Bestået modultest</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="19"/>
        <source>Left without module test</source>
        <translation>&amp;Ophør uden modultest</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="26"/>
        <source>End date</source>
        <translation>Slutdato</translation>
    </message>
</context>
<context>
    <name>CodeCombo</name>
    <message>
        <location filename="../../desktop/ui/code_combo.py" line="72"/>
        <source>“{text}” is not in the list. Type part of a code or a name, and choose with the arrow keys.</source>
        <translation>“{text}” findes ikke i listen. Skriv en del af en kode eller et navn, og vælg med piletasterne.</translation>
    </message>
</context>
<context>
    <name>CommandRunner</name>
    <message>
        <location filename="../../desktop/ui/command_runner.py" line="123"/>
        <source>The database is in use by another program; waiting …</source>
        <translation>Databasen er i brug af et andet program; venter …</translation>
    </message>
</context>
<context>
    <name>CprJoinDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="122"/>
        <source>DDMMYY-XXXX</source>
        <translation>DDMMÅÅ-XXXX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="123"/>
        <source>&amp;CPR number</source>
        <translation>&amp;CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="129"/>
        <source>No student has that CPR number; create the student first (Ctrl+N in the main window).</source>
        <translation>Ingen kursist har det CPR-nummer; opret først kursisten (Ctrl+N i hovedvinduet).</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="22"/>
        <source>dd-mm-yyyy (may be empty)</source>
        <translation>dd-mm-åååå (kan være tom)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="23"/>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-åååå</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="27"/>
        <source>Choose a date in the calendar</source>
        <translation>Vælg dato i kalender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="65"/>
        <source>The date must be filled in.</source>
        <translation>Datoen skal udfyldes.</translation>
    </message>
</context>
<context>
    <name>DateLineEdit</name>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="77"/>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-åååå</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/date_field.py" line="85"/>
        <source>Choose a date in the calendar (Alt+Down)</source>
        <translation>Vælg dato i kalender (Alt+Ned)</translation>
    </message>
</context>
<context>
    <name>EndHoldDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="175"/>
        <source>End hold</source>
        <translation>Afslut hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="176"/>
        <source>{hold} stops. Students still on it after the day must leave it or change hold first.</source>
        <translation>{hold} stopper. Kursister, der stadig er på holdet efter dagen, skal udmeldes eller skifte hold først.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="181"/>
        <source>&amp;End date</source>
        <translation>&amp;Slutdato</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="186"/>
        <source>Give the date.</source>
        <translation>Angiv datoen.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="86"/>
        <source>The database is damaged: a part of the file cannot be read. Nothing more is written to it. Close the program and start it again: it offers to restore an automatic backup.

The details are in the log file:
{path}</source>
        <translation>Databasen er beskadiget: en del af filen kan ikke læses. Der skrives ikke mere i den. Luk programmet, og start det igen: så tilbyder det at gendanne en automatisk sikkerhedskopi.

Detaljerne står i logfilen:
{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="108"/>
        <source>A program error occurred. What you have entered is saved; the last action may not have been completed.

The details are in the log file:
{path}</source>
        <translation>Der opstod en programfejl. Det, du har indtastet, er gemt; den seneste handling er måske ikke gennemført.

Detaljerne står i logfilen:
{path}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="36"/>
        <source>provider</source>
        <translation>udbyder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="45"/>
        <source>Export {quarter}</source>
        <translation>Eksportér {quarter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="50"/>
        <source>The whole quarter ({quarter})</source>
        <translation>&amp;Hele kvartalet ({quarter})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="53"/>
        <source>Only the selected student ({cpr})</source>
        <translation>Kun den &amp;valgte kursist ({cpr})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="55"/>
        <source>Only the selected student (none selected)</source>
        <translation>Kun den &amp;valgte kursist (ingen valgt)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="60"/>
        <source>A file with one student is for receivers that accept a re-report of a single student (the working group&apos;s Anbefaling 7). Otherwise the whole quarter is uploaded again.</source>
        <translation>En fil med én kursist er til modtagere, der tager imod genindberetning af en enkelt kursist (arbejdsgruppens Anbefaling 7). Ellers uploades hele kvartalet igen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="81"/>
        <source>Export anyway, even though there are type A errors (the ministry will ask for a new report)</source>
        <translation>Eksportér &amp;alligevel, selv om der er fejl af type A (ministeriet vil bede om en ny indberetning)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="91"/>
        <source>Open the folder</source>
        <translation>Åbn &amp;mappen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="95"/>
        <source>Export …</source>
        <translation>&amp;Eksportér …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="132"/>
        <source>Checking the quarter …</source>
        <translation>Kontrollerer kvartalet …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="144"/>
        <source>&amp;Leave out the students whose CPR number fails the modulus 11 check ({n})</source>
        <translation>&amp;Udelad kursister, hvis CPR-nummer ikke består modulus 11-kontrollen ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="160"/>
        <source>Left out of the file: {who}.</source>
        <translation>Udelades af filen: {who}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="161"/>
        <source>Without a valid CPR number: {who}.</source>
        <translation>Uden gyldigt CPR-nummer: {who}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="167"/>
        <source>There are no students with activity to report.</source>
        <translation>Der er ingen kursister med bevægelser at indberette.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="169"/>
        <source>&lt;b style=&apos;color:{red}&apos;&gt;{x} errors would get the file rejected on upload (type X).&lt;/b&gt; Correct them before exporting.</source>
        <translation>&lt;b style=&apos;color:{red}&apos;&gt;{x} fejl ville få filen afvist ved upload (type X).&lt;/b&gt; Ret dem, før der kan eksporteres.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="172"/>
        <source>In addition, {a} type A errors must be corrected.</source>
        <translation>Derudover skal {a} fejl af type A rettes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="174"/>
        <source>&lt;b style=&apos;color:{red}&apos;&gt;{a} type A errors&lt;/b&gt; must be corrected before the ministry approves the quarter.</source>
        <translation>&lt;b style=&apos;color:{red}&apos;&gt;{a} fejl af type A&lt;/b&gt; skal rettes, før ministeriet godkender kvartalet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="177"/>
        <source>&lt;b style=&apos;color:{green}&apos;&gt;No errors.&lt;/b&gt; The file can be reported.</source>
        <translation>&lt;b style=&apos;color:{green}&apos;&gt;Ingen fejl.&lt;/b&gt; Filen kan indberettes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="178"/>
        <source>{n} students · {warnings} warnings.</source>
        <translation>{n} kursister · {warnings} advarsler.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="188"/>
        <source>Not exported before.</source>
        <translation>Ikke dannet før.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="190"/>
        <source>Last exported: {time} – {file} ({n} students, despite type A errors)</source>
        <translation>Sidst dannet: {time} – {file} ({n} kursister, trods type A-fejl)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="191"/>
        <source>Last exported: {time} – {file} ({n} students)</source>
        <translation>Sidst dannet: {time} – {file} ({n} kursister)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="193"/>
        <source>– left out: {who}</source>
        <translation>– udeladt: {who}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="206"/>
        <source>Save report file</source>
        <translation>Gem indberetningsfil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="208"/>
        <source>XML files (*.xml)</source>
        <translation>XML-filer (*.xml)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="215"/>
        <source>Writing the file …</source>
        <translation>Skriver filen …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="227"/>
        <source>Saved: &lt;b&gt;{path}&lt;/b&gt; ({n} students).</source>
        <translation>Gemt: &lt;b&gt;{path}&lt;/b&gt; ({n} kursister).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="231"/>
        <source>Left out: {who}.</source>
        <translation>Udeladt: {who}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="241"/>
        <source>Not saved: {reason}</source>
        <translation>Ikke gemt: {reason}</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="34"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="35"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="36"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="37"/>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="38"/>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/findings_model.py" line="39"/>
        <source>Message</source>
        <translation>Besked</translation>
    </message>
</context>
<context>
    <name>FinishedDialog</name>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="47"/>
        <source>Placements without teaching</source>
        <translation>Placeringer uden undervisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="49"/>
        <source>These open placements have had no teaching for a whole quarter. Unless they are ended, they give B3. Space ticks or unticks a placement; OK ends the ticked ones.</source>
        <translation>Disse åbne placeringer har ikke haft undervisning i et helt kvartal. Afsluttes de ikke, giver de B3. Mellemrum markerer en placering eller fjerner markeringen; OK afslutter de markerede.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="54"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="54"/>
        <source>Danish education and module</source>
        <translation>Danskuddannelse og modul</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="55"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="56"/>
        <source>Last month taught</source>
        <translation>Sidste måned med undervisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="69"/>
        <source>DU{du} module {modul}</source>
        <translation>DU{du} modul {modul}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="71"/>
        <source>no hold</source>
        <translation>intet hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="78"/>
        <source>&amp;Placements</source>
        <translation>&amp;Placeringer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="83"/>
        <source>Tick &amp;all</source>
        <translation>Markér &amp;alle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="84"/>
        <source>Tick &amp;none</source>
        <translation>Markér &amp;ingen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="88"/>
        <source>Open the &amp;student</source>
        <translation>Åbn &amp;kursisten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="89"/>
        <source>Closes this list and opens the student of the current row, to decide there</source>
        <translation>Lukker listen og åbner kursisten på den valgte linje, så du kan tage stilling der</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="96"/>
        <source>&amp;Last day of the last month taught (each its own)</source>
        <translation>&amp;Sidste dag i den sidste måned med undervisning (for hver placering)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="97"/>
        <source>The same &amp;date for all:</source>
        <translation>Samme &amp;dato for alle:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="103"/>
        <source>End date</source>
        <translation>Slutdato</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="108"/>
        <source>&amp;Reason for leaving</source>
        <translation>&amp;Ophørsårsag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="115"/>
        <source>never (ends on its start date)</source>
        <translation>aldrig (afsluttes på startdatoen)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="139"/>
        <source>Tick the placements to end (Space).</source>
        <translation>Markér de placeringer, der skal afsluttes (Mellemrum).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/finished_dialog.py" line="141"/>
        <source>Give the date.</source>
        <translation>Angiv datoen.</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../desktop/ui/grid_model.py" line="154"/>
        <source>The placement does not run in this month.</source>
        <translation>Placeringen er ikke i gang i denne måned.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grid_model.py" line="156"/>
        <source>No month yet: a value typed here creates it.</source>
        <translation>Måneden findes ikke endnu: en værdi tastet her opretter den.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="171"/>
        <source>&amp;User guide</source>
        <translation>&amp;Brugervejledning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="200"/>
        <source>About {app}</source>
        <translation>Om {app}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="177"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="194"/>
        <source>Quarterly reports of Danish language education, file format v{format}.</source>
        <translation>Kvartalsindberetning af danskuddannelse, filformat v{format}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="196"/>
        <source>Database: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="174"/>
        <source>&amp;About {app}</source>
        <translation>&amp;Om {app}</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="28"/>
        <source>User guide – {app}</source>
        <translation>Brugervejledning – {app}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="32"/>
        <source>Contents</source>
        <translation>Indhold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="53"/>
        <source>Find in the guide</source>
        <translation>Søg i vejledningen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="59"/>
        <source>Previous</source>
        <translation>&amp;Forrige</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="61"/>
        <source>Next</source>
        <translation>&amp;Næste</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="74"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="86"/>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="88"/>
        <source>Forward</source>
        <translation>Frem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="92"/>
        <source>Find …</source>
        <translation>Søg …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="93"/>
        <source>Find next</source>
        <translation>Find næste</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="94"/>
        <source>Find previous</source>
        <translation>Find forrige</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="95"/>
        <source>Hide the search</source>
        <translation>Skjul søgningen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="97"/>
        <source>Larger text</source>
        <translation>Større tekst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="99"/>
        <source>Smaller text</source>
        <translation>Mindre tekst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="101"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="110"/>
        <source>not UTF-8 text</source>
        <translation>ikke UTF-8-tekst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="112"/>
        <source>The user guide could not be opened</source>
        <translation>Brugervejledningen kan ikke åbnes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="113"/>
        <source>The file {path} is missing or cannot be read ({reason}). It comes with the program: install the program again to get it back. Everything else in the program works as usual.</source>
        <translation>Filen {path} mangler eller kan ikke læses ({reason}). Den følger med programmet: installér programmet igen for at få den tilbage. Resten af programmet virker som sædvanligt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_window.py" line="159"/>
        <source>Not found</source>
        <translation>Ikke fundet</translation>
    </message>
</context>
<context>
    <name>HoldActions</name>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="27"/>
        <source>&amp;Holds and the quarter&apos;s teaching …</source>
        <translation>&amp;Hold og kvartalets undervisning …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="30"/>
        <source>&amp;Create the months of continuing placements</source>
        <translation>&amp;Opret månederne for fortsættende placeringer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="31"/>
        <source>The quarter&apos;s months for every placement that continues from the previous quarter</source>
        <translation>Kvartalets måneder for hver placering, der fortsætter fra sidste kvartal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="34"/>
        <source>&amp;End placements without teaching …</source>
        <translation>&amp;Afslut placeringer uden undervisning …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="35"/>
        <source>The open placements that had no teaching for a whole quarter (else B3)</source>
        <translation>De åbne placeringer, der ikke har haft undervisning i et helt kvartal (ellers B3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="37"/>
        <source>H&amp;old</source>
        <translation>H&amp;old</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="46"/>
        <source>Ne&amp;xt quarter</source>
        <translation>&amp;Næste kvartal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="48"/>
        <source>&amp;Previous quarter</source>
        <translation>&amp;Forrige kvartal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="57"/>
        <source>Create &amp;their months (Ctrl+Shift+F)</source>
        <translation>&amp;Udfyld deres måneder (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="59"/>
        <source>&amp;Show them</source>
        <translation>Vis &amp;dem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="62"/>
        <source>&amp;Handle them … (Ctrl+Shift+L)</source>
        <translation>&amp;Behandl dem … (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="75"/>
        <source>Continuing placements</source>
        <translation>Fortsættende placeringer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="84"/>
        <source>Continuing</source>
        <translation>Fortsætter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="131"/>
        <source>&lt;b&gt;{n} placements continue from {quarter}&lt;/b&gt; and have no teaching in this quarter yet.</source>
        <translation>&lt;b&gt;{n} placeringer fortsætter fra {quarter}&lt;/b&gt; og har endnu ingen undervisning i dette kvartal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="134"/>
        <source>&lt;b&gt;{n} open placements look finished&lt;/b&gt;: no teaching for a whole quarter.</source>
        <translation>&lt;b&gt;{n} åbne placeringer ser afsluttede ud&lt;/b&gt;: ingen undervisning i et helt kvartal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="155"/>
        <source>quarter {q} {year}</source>
        <translation>{q}. kvartal {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="163"/>
        <source>The quarter&apos;s months were created for {n} placements; type their absence in the grid or in each student&apos;s teaching.</source>
        <translation>Kvartalets måneder er oprettet for {n} placeringer; tast deres fravær i tabellen eller under hver kursists undervisning.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="202"/>
        <source>No open placement has gone a whole quarter without teaching.</source>
        <translation>Ingen åben placering har været et helt kvartal uden undervisning.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_actions.py" line="220"/>
        <source>{n} placements were ended (Ctrl+Z undoes it).</source>
        <translation>{n} placeringer er afsluttet (Ctrl+Z fortryder).</translation>
    </message>
</context>
<context>
    <name>HoldWindow</name>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="112"/>
        <source>Holds and the quarter&apos;s teaching</source>
        <translation>Hold og kvartalets undervisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="117"/>
        <source>Holds</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="119"/>
        <location filename="../../desktop/ui/hold_window.py" line="232"/>
        <source>&amp;New hold …</source>
        <translation>&amp;Nyt hold …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="121"/>
        <location filename="../../desktop/ui/hold_window.py" line="233"/>
        <source>&amp;Module shift …</source>
        <translation>&amp;Modulskift …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="123"/>
        <location filename="../../desktop/ui/hold_window.py" line="234"/>
        <source>&amp;End hold …</source>
        <translation>&amp;Afslut hold …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="128"/>
        <source>&lt;b&gt;Holds&lt;/b&gt;</source>
        <translation>&lt;b&gt;Hold&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="138"/>
        <location filename="../../desktop/ui/hold_window.py" line="242"/>
        <source>Create the quarter&apos;s &amp;months</source>
        <translation>&amp;Opret kvartalets måneder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="139"/>
        <source>For every placement that continues from the previous quarter (Ctrl+Shift+F)</source>
        <translation>For hver placering, der fortsætter fra sidste kvartal (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="142"/>
        <source>&amp;Handle them …</source>
        <translation>&amp;Behandl dem …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="143"/>
        <source>The placements that look finished, to end (Ctrl+Shift+L)</source>
        <translation>Placeringerne, der ser afsluttede ud, til afslutning (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="156"/>
        <source>The hold&apos;s plan</source>
        <translation>Holdets plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="167"/>
        <source>The quarter&apos;s teaching</source>
        <translation>Kvartalets undervisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="178"/>
        <location filename="../../desktop/ui/hold_window.py" line="235"/>
        <source>&amp;Join student …</source>
        <translation>Meld &amp;kursist på …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="180"/>
        <location filename="../../desktop/ui/hold_window.py" line="236"/>
        <source>&amp;Leave …</source>
        <translation>&amp;Udmeld …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="182"/>
        <location filename="../../desktop/ui/hold_window.py" line="237"/>
        <source>C&amp;hange hold …</source>
        <translation>Skift &amp;hold …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="194"/>
        <source>&lt;b&gt;Plan&lt;/b&gt; (scheduled and other lessons per month)</source>
        <translation>&lt;b&gt;Plan&lt;/b&gt; (skemalagte og øvrige lektioner pr. måned)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="197"/>
        <source>&lt;b&gt;The quarter&apos;s teaching&lt;/b&gt; (type or paste absence; Enter moves down, Tab right)</source>
        <translation>&lt;b&gt;Kvartalets undervisning&lt;/b&gt; (tast eller indsæt fravær; Enter går ned, Tab til højre)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="280"/>
        <source> – ended</source>
        <translation> – afsluttet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="286"/>
        <source>Placements on no hold</source>
        <translation>Placeringer uden hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="309"/>
        <source>&lt;h3&gt;Placements on no hold · {quarter}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Placeringer uden hold · {quarter}&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="312"/>
        <source>, ended {day}</source>
        <translation>, afsluttet {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="314"/>
        <source>&lt;h3&gt;{name} · {quarter}&lt;/h3&gt;DU{du} module {modul} · lessons of {minutes} min. · started {start}{end}</source>
        <translation>&lt;h3&gt;{name} · {quarter}&lt;/h3&gt;DU{du} modul {modul} · lektioner à {minutes} min. · startet {start}{end}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="335"/>
        <source>{n} placements · {errors} errors at their cells</source>
        <translation>{n} placeringer · {errors} fejl ved deres celler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="358"/>
        <source>{n} placements continue from {quarter} without teaching in this quarter yet.</source>
        <translation>{n} placeringer fortsætter fra {quarter} og har endnu ingen undervisning i dette kvartal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="362"/>
        <source>{n} open placements had no teaching for a whole quarter and look finished: end them (else B3).</source>
        <translation>{n} åbne placeringer har ikke haft undervisning i et helt kvartal og ser afsluttede ud: afslut dem (ellers B3).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="422"/>
        <source>Row {n} ({header}): {message} Nothing was stored.</source>
        <translation>Række {n} ({header}): {message} Intet er gemt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="443"/>
        <source>Paste {n} cells</source>
        <translation>Indsæt {n} celler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="455"/>
        <source>Clear {n} cells</source>
        <translation>Ryd {n} celler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="471"/>
        <source>The quarter&apos;s months were created for {n} placements.</source>
        <translation>Kvartalets måneder er oprettet for {n} placeringer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="220"/>
        <source>Ho&amp;ld</source>
        <translation>Ho&amp;ld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="221"/>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="243"/>
        <source>End &amp;placements without teaching …</source>
        <translation>Afslut &amp;placeringer uden undervisning …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="246"/>
        <source>&amp;Close</source>
        <translation>&amp;Luk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="247"/>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_window.py" line="248"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gentag</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="37"/>
        <location filename="../../desktop/ui/import_dialog.py" line="207"/>
        <location filename="../../desktop/ui/import_dialog.py" line="282"/>
        <source>{n} student</source>
        <translation>{n} kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="38"/>
        <location filename="../../desktop/ui/import_dialog.py" line="208"/>
        <location filename="../../desktop/ui/import_dialog.py" line="283"/>
        <source>{n} students</source>
        <translation>{n} kursister</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="39"/>
        <source>{n} referral</source>
        <translation>{n} henvisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="40"/>
        <source>{n} referrals</source>
        <translation>{n} henvisninger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="41"/>
        <source>{n} module placement</source>
        <translation>{n} modulplacering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="42"/>
        <source>{n} module placements</source>
        <translation>{n} modulplaceringer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="43"/>
        <source>{n} teaching record</source>
        <translation>{n} undervisningspost</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="44"/>
        <source>{n} teaching records</source>
        <translation>{n} undervisningsposter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="45"/>
        <source>{n} exam</source>
        <translation>{n} prøve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="46"/>
        <source>{n} exams</source>
        <translation>{n} prøver</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="98"/>
        <source>Load files</source>
        <translation>Indlæs filer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="100"/>
        <source>Choose files …</source>
        <translation>&amp;Vælg filer …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="102"/>
        <source>Choose one or more report files (v1.8).</source>
        <translation>Vælg en eller flere indberetningsfiler (v1.8).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="121"/>
        <source>Load</source>
        <translation>&amp;Indlæs</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="139"/>
        <source>Choose report files</source>
        <translation>Vælg indberetningsfiler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="140"/>
        <source>XML files (*.xml)</source>
        <translation>XML-filer (*.xml)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="164"/>
        <source>Checking the files …</source>
        <translation>Kontrollerer filerne …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="168"/>
        <source>The file {name} could not be checked because of a program error.</source>
        <translation>Filen {name} kunne ikke kontrolleres på grund af en programfejl.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="180"/>
        <source>{n} file</source>
        <translation>{n} fil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="181"/>
        <source>{n} files</source>
        <translation>{n} filer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="183"/>
        <source>&lt;b style=&apos;color:{red}&apos;&gt;{files} cannot be read.&lt;/b&gt; Nothing is loaded; choose only report files in format v1.8.</source>
        <translation>&lt;b style=&apos;color:{red}&apos;&gt;{files} kan ikke læses.&lt;/b&gt; Intet bliver indlæst; vælg kun indberetningsfiler i format v1.8.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="186"/>
        <source>&lt;b style=&apos;color:{red}&apos;&gt;{x} type X errors&lt;/b&gt; would get the file rejected. Nothing is loaded, not even from the other files: correct the errors in the system that created the file, and choose it again.</source>
        <translation>&lt;b style=&apos;color:{red}&apos;&gt;{x} fejl af type X&lt;/b&gt; ville få filen afvist. Intet bliver indlæst, heller ikke fra de andre filer: ret fejlene i det system, der har dannet filen, og vælg den igen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="190"/>
        <source>{a} type A errors come along and can be corrected here afterwards. If a student already exists, the data for the file&apos;s quarter is replaced.</source>
        <translation>{a} fejl af type A følger med ind og kan rettes her bagefter. Findes en kursist allerede, erstattes data for filens kvartal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="194"/>
        <source>&lt;b style=&apos;color:{green}&apos;&gt;The files can be loaded.&lt;/b&gt; If a student already exists, the data for the file&apos;s quarter is replaced.</source>
        <translation>&lt;b style=&apos;color:{green}&apos;&gt;Filerne kan indlæses.&lt;/b&gt; Findes en kursist allerede, erstattes data for filens kvartal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="209"/>
        <source>provider {ukode}</source>
        <translation>udbyder {ukode}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="211"/>
        <source>{n} error</source>
        <translation>{n} fejl</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="212"/>
        <source>{n} errors</source>
        <translation>{n} fejl</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="213"/>
        <source>{n} warning</source>
        <translation>{n} advarsel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="214"/>
        <source>{n} warnings</source>
        <translation>{n} advarsler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="217"/>
        <source>Adjusted: {notes}.</source>
        <translation>Tilrettet: {notes}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="232"/>
        <source>Another provider code</source>
        <translation>En anden udbyderkode</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="233"/>
        <source>The files are for provider code {other}, but this database is set up for {ukode}. Load them anyway?</source>
        <translation>Filerne er til udbyderkode {other}, men databasen er sat op til {ukode}. Vil du indlæse dem alligevel?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="243"/>
        <source>Nothing was loaded.</source>
        <translation>Intet er indlæst.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="249"/>
        <source>Loading the files …</source>
        <translation>Indlæser filerne …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="254"/>
        <source>Nothing was loaded: {reason}</source>
        <translation>Intet er indlæst: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="258"/>
        <source>Nothing was loaded because of a program error.</source>
        <translation>Intet er indlæst på grund af en programfejl.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="267"/>
        <source>Nothing was loaded: the files have changed and now have type X errors.</source>
        <translation>Intet er indlæst: filerne er ændret og har nu fejl af type X.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="272"/>
        <source>&lt;b style=&apos;color:{green}&apos;&gt;Loaded: {counts}.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:{green}&apos;&gt;Indlæst: {counts}.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="275"/>
        <source>{name} was chosen more than once; it is loaded once.</source>
        <translation>{name} er valgt mere end én gang; den er indlæst én gang.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="279"/>
        <source>{name} replaced {quarter} for {students} already in the database.</source>
        <translation>{name} erstattede {quarter} for {students}, som allerede var i databasen.</translation>
    </message>
</context>
<context>
    <name>ImportFindingsModel</name>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="58"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="59"/>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="94"/>
        <source>Join a hold</source>
        <translation>Meld på hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="99"/>
        <source>&amp;Hold</source>
        <translation>&amp;Hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="100"/>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="106"/>
        <source>There is no hold to join yet: create one under Holds.</source>
        <translation>Der er endnu intet hold at melde på: opret et under Hold.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="107"/>
        <source>Give the date.</source>
        <translation>Angiv datoen.</translation>
    </message>
</context>
<context>
    <name>KursistEditor</name>
    <message>
        <location filename="../../desktop/ui/editor.py" line="56"/>
        <source>Personal data</source>
        <translation>Stamdata</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="58"/>
        <source>Referrals</source>
        <translation>Henvisninger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="393"/>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="64"/>
        <source>Module placements</source>
        <translation>Modulplaceringer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="66"/>
        <source>New placement; the attempt number is filled in once the DU and the module are chosen.</source>
        <translation>Ny placering; forsøg nr. udfyldes, når DU og modul er valgt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="70"/>
        <source>End the placement with a reason for leaving and start attempt + 1.</source>
        <translation>Afslut placeringen med en ophørsårsag og start forsøg + 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="79"/>
        <source>Teaching in the quarter (for the selected placement)</source>
        <translation>Undervisning i kvartalet (for den valgte placering)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="88"/>
        <source>Exams</source>
        <translation>Prøver</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="61"/>
        <source>&amp;New referral</source>
        <translation>&amp;Ny henvisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="62"/>
        <source>Delete r&amp;eferral</source>
        <translation>Slet h&amp;envisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="65"/>
        <source>New &amp;placement</source>
        <translation>Ny &amp;placering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="68"/>
        <source>&amp;End …</source>
        <translation>&amp;Afslut …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="69"/>
        <source>Restart &amp;module …</source>
        <translation>&amp;Genstart modul …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="72"/>
        <source>Delete pla&amp;cement</source>
        <translation>Slet pla&amp;cering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="73"/>
        <source>&amp;Join hold …</source>
        <translation>Me&amp;ld på hold …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="74"/>
        <source>A new placement on a hold&apos;s DU and module, its months from the hold&apos;s plan</source>
        <translation>En ny placering på holdets DU og modul, med månederne fra holdets plan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="85"/>
        <source>Add the quarter&apos;s &amp;months</source>
        <translation>&amp;Tilføj kvartalets måneder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="86"/>
        <source>Delete mon&amp;th</source>
        <translation>Slet &amp;måned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="89"/>
        <source>New e&amp;xam</source>
        <translation>N&amp;y prøve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="90"/>
        <source>&amp;Delete exam</source>
        <translation>&amp;Slet prøve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="104"/>
        <source>Choose a student in the list, or create a new one (Ctrl+N).</source>
        <translation>Vælg en kursist i listen, eller opret en ny (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="124"/>
        <source>{quarter} · provider {ukode}</source>
        <translation>{quarter} · udbyder {ukode}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="141"/>
        <source>The checks could not be completed for this student; see the log.</source>
        <translation>Kontrollen kunne ikke gennemføres for denne kursist; se loggen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="162"/>
        <source>Hold: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Hold: &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="163"/>
        <source>&lt;i&gt;On no hold&lt;/i&gt;</source>
        <translation>&lt;i&gt;Ikke på et hold&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="388"/>
        <source>Do you want to delete the referral?</source>
        <translation>Vil du slette henvisningen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="389"/>
        <source>Do you want to delete the placement and its teaching?</source>
        <translation>Vil du slette modulplaceringen og dens undervisning?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="390"/>
        <source>Do you want to delete the month?</source>
        <translation>Vil du slette måneden?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="391"/>
        <source>Do you want to delete the exam?</source>
        <translation>Vil du slette prøven?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/editor.py" line="392"/>
        <source>Edit → Undo (Ctrl+Z) brings it back.</source>
        <translation>Rediger → Fortryd (Ctrl+Z) bringer den tilbage.</translation>
    </message>
</context>
<context>
    <name>KursistMenu</name>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="24"/>
        <source>&amp;Student</source>
        <translation>&amp;Kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="37"/>
        <source>New r&amp;eferral</source>
        <translation>Ny &amp;henvisning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="38"/>
        <source>New &amp;placement</source>
        <translation>Ny &amp;placering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="39"/>
        <source>Add the quarter&apos;s &amp;months</source>
        <translation>&amp;Tilføj kvartalets måneder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="41"/>
        <source>En&amp;d placement …</source>
        <translation>&amp;Afslut placering …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="43"/>
        <source>Re&amp;start module …</source>
        <translation>&amp;Genstart modul …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="45"/>
        <source>New e&amp;xam</source>
        <translation>Ny p&amp;røve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="46"/>
        <source>&amp;Join hold …</source>
        <translation>&amp;Meld på hold …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="48"/>
        <source>Next error or &amp;warning</source>
        <translation>Næste f&amp;ejl eller advarsel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="50"/>
        <source>Pre&amp;vious error or warning</source>
        <translation>&amp;Forrige fejl eller advarsel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="52"/>
        <source>Next p&amp;ane (list, student, errors)</source>
        <translation>Næste r&amp;ude (liste, kursist, fejl)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_menu.py" line="54"/>
        <source>Previ&amp;ous pane</source>
        <translation>Forrige ru&amp;de</translation>
    </message>
</context>
<context>
    <name>KursistTableModel</name>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="24"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="25"/>
        <source>Gender</source>
        <translation>Køn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="26"/>
        <source>Nation</source>
        <translation>Nation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="27"/>
        <source>Records</source>
        <translation>Poster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="28"/>
        <source>Errors</source>
        <translation>Fejl</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="29"/>
        <source>Warn.</source>
        <translation>Adv.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="197"/>
        <source>Man</source>
        <translation>Mand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="197"/>
        <source>Woman</source>
        <translation>Kvinde</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/kursist_model.py" line="199"/>
        <source>Warnings</source>
        <translation>Advarsler</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="142"/>
        <source>Leave the hold</source>
        <translation>Udmeld af hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="147"/>
        <source>Passed module test</source>
        <translation>Bestået modultest</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="150"/>
        <source>&amp;End date</source>
        <translation>&amp;Slutdato</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="151"/>
        <source>&amp;How</source>
        <translation>&amp;Hvordan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="155"/>
        <source>Give the date.</source>
        <translation>Angiv datoen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73"/>
        <source>Students</source>
        <translation>Kursister</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="78"/>
        <source>Search CPR number (Ctrl+F)</source>
        <translation>Søg CPR-nummer (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>In the quarter</source>
        <translation>I kvartalet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>With errors</source>
        <translation>Med fejl</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="104"/>
        <source>Student&apos;s errors and warnings</source>
        <translation>Kursistens fejl og advarsler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="105"/>
        <source>Quarter&apos;s errors and warnings</source>
        <translation>Kvartalets fejl og advarsler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="121"/>
        <source>Errors and warnings</source>
        <translation>Fejl og advarsler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="129"/>
        <source>Quarter</source>
        <translation>Kvartal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="132"/>
        <source>&amp;Try again</source>
        <translation>Prøv &amp;igen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="133"/>
        <source>Check the quarter again</source>
        <translation>Kontrollér kvartalet igen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="198"/>
        <source>Tools</source>
        <translation>Værktøjer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202"/>
        <source>Quarter:</source>
        <translation>Kvartal:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="219"/>
        <source>&amp;New student</source>
        <translation>&amp;Ny kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="220"/>
        <source>&amp;Search</source>
        <translation>&amp;Søg</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="222"/>
        <source>&amp;Export …</source>
        <translation>&amp;Eksportér …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="223"/>
        <source>Create the quarter&apos;s file</source>
        <translation>Dan kvartalets fil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="224"/>
        <source>&amp;Import …</source>
        <translation>&amp;Importér …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="225"/>
        <source>Load v1.8 files from another system</source>
        <translation>Indlæs v1.8-filer fra et andet system</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="227"/>
        <source>Error &amp;report …</source>
        <translation>&amp;Fejlrapport …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="228"/>
        <source>The quarter&apos;s errors and warnings, grouped by student</source>
        <translation>Kvartalets fejl og advarsler, grupperet pr. kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="229"/>
        <source>&amp;Settings …</source>
        <translation>Ind&amp;stillinger …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="230"/>
        <source>Provider code, lesson length, CPR check and backup</source>
        <translation>Udbyderkode, lektionslængde, CPR-kontrol og sikkerhedskopi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="232"/>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="233"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gentag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="247"/>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="254"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="255"/>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="259"/>
        <source>&amp;Mask CPR numbers</source>
        <translation>&amp;Skjul CPR-numre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="260"/>
        <source>Show CPR numbers as DDMMYY-XXXX, e.g. while sharing the screen</source>
        <translation>Vis CPR-numre som DDMMÅÅ-XXXX, fx når skærmen deles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="265"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="287"/>
        <source>Provider code: &lt;b&gt;{ukode}&lt;/b&gt;</source>
        <translation>Udbyderkode: &lt;b&gt;{ukode}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="288"/>
        <source>not set</source>
        <translation>ikke angivet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="473"/>
        <source>The database was changed by another program; the view has been reloaded.</source>
        <translation>Databasen er ændret af et andet program; visningen er genindlæst.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="476"/>
        <source>Undo steps that no longer apply were removed.</source>
        <translation>Fortryd-trin, der ikke længere passer, er fjernet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="543"/>
        <source>{n} students in {quarter}</source>
        <translation>{n} kursister i {quarter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="545"/>
        <source>The check could not be completed</source>
        <translation>Kontrollen kunne ikke gennemføres</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="547"/>
        <source>checking …</source>
        <translation>kontrollerer …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="549"/>
        <source>{errors} errors · {warnings} warnings</source>
        <translation>{errors} fejl · {warnings} advarsler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="567"/>
        <source>No errors or warnings in the quarter.</source>
        <translation>Ingen fejl eller advarsler i kvartalet.</translation>
    </message>
</context>
<context>
    <name>ModuleShiftDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="195"/>
        <source>Passed: next module on the hold</source>
        <translation>Bestået: næste modul på holdet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="196"/>
        <source>Stays on the module</source>
        <translation>Bliver på modulet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="197"/>
        <source>Restarts the module (new attempt)</source>
        <translation>Genstarter modulet (nyt forsøg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="208"/>
        <source>Module shift</source>
        <translation>Modulskift</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="209"/>
        <source>{hold} moves on from module {old} to module {new}.</source>
        <translation>{hold} går videre fra modul {old} til modul {new}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="213"/>
        <source>&amp;Date of the module test</source>
        <translation>&amp;Dato for modultesten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="215"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="215"/>
        <source>Outcome</source>
        <translation>Udfald</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="242"/>
        <source>{passed} close their placement with the module test and start module {new} on the hold; {stay} stay on their module; {restart} restart it as a new attempt.</source>
        <translation>{passed} afslutter placeringen med modultesten og starter på modul {new} på holdet; {stay} bliver på deres modul; {restart} genstarter det som et nyt forsøg.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="248"/>
        <source>Give the date.</source>
        <translation>Angiv datoen.</translation>
    </message>
</context>
<context>
    <name>NewHoldDialog</name>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="41"/>
        <source>New hold</source>
        <translation>Nyt hold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="55"/>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="56"/>
        <source>&amp;Danish education</source>
        <translation>&amp;Danskuddannelse</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="57"/>
        <source>&amp;Module</source>
        <translation>&amp;Modul</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="58"/>
        <source>&amp;Lesson length (min.)</source>
        <translation>&amp;Lektionslængde (min.)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="59"/>
        <source>&amp;Start date</source>
        <translation>&amp;Startdato</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="60"/>
        <source>S&amp;cheduled lessons per month</source>
        <translation>S&amp;kemalagte lektioner pr. måned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="61"/>
        <source>&amp;Other lessons per month</source>
        <translation>&amp;Øvrige lektioner pr. måned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="66"/>
        <source>The hold needs a name.</source>
        <translation>Holdet skal have et navn.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hold_dialogs.py" line="70"/>
        <source>Give the hold&apos;s start date.</source>
        <translation>Angiv holdets startdato.</translation>
    </message>
</context>
<context>
    <name>NewKursistDialog</name>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="23"/>
        <source>New student</source>
        <translation>Ny kursist</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="28"/>
        <source>DDMMYY-XXXX</source>
        <translation>DDMMÅÅ-XXXX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="47"/>
        <source>&amp;CPR number</source>
        <translation>&amp;CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="49"/>
        <source>&amp;Gender</source>
        <translation>&amp;Køn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="51"/>
        <source>&amp;Nationality</source>
        <translation>&amp;Nationalitet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/new_kursist.py" line="84"/>
        <source>The CPR number is valid.</source>
        <translation>CPR-nummeret er gyldigt.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="26"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Kig i:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="27"/>
        <source>Files of &amp;type:</source>
        <translation>Filer af &amp;type:</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="135"/>
        <source>{help}
({name}, must be filled in)</source>
        <translation>{help}
({name}, skal udfyldes)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="24"/>
        <source>ErrorReport_{ukode}_{iperiode}</source>
        <translation>Fejlrapport_{ukode}_{iperiode}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="25"/>
        <source>provider</source>
        <translation>udbyder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="38"/>
        <source>Error report</source>
        <translation>Fejlrapport</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="51"/>
        <source>Error report {quarter}</source>
        <translation>Fejlrapport {quarter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="55"/>
        <source>Checking the quarter …</source>
        <translation>Kontrollerer kvartalet …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="57"/>
        <source>{quarter}, provider {ukode}</source>
        <translation>{quarter}, udbyder {ukode}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="58"/>
        <source>not set</source>
        <translation>ikke angivet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="66"/>
        <source>Save as PDF …</source>
        <translation>Gem som &amp;PDF …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="68"/>
        <source>Save as HTML …</source>
        <translation>Gem som &amp;HTML …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="79"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="81"/>
        <source>Error report – {title}</source>
        <translation>Fejlrapport – {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="85"/>
        <source>HTML files (*.html *.htm)</source>
        <translation>HTML-filer (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="92"/>
        <source>Save error report</source>
        <translation>Gem fejlrapport</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="106"/>
        <source>The report was not saved: {reason}.</source>
        <translation>Rapporten er ikke gemt: {reason}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="111"/>
        <source>Saved: &lt;b&gt;{path}&lt;/b&gt;</source>
        <translation>Gemt: &lt;b&gt;{path}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>RestartDialog</name>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="54"/>
        <source>Restart module</source>
        <translation>Genstart modul</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="59"/>
        <source>End date of the old placement</source>
        <translation>Slutdato for den gamle placering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="60"/>
        <source>Reason for leaving</source>
        <translation>Ophørsårsag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placement_dialogs.py" line="61"/>
        <source>Start date of the new attempt</source>
        <translation>Startdato for det nye forsøg</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="25"/>
        <source>The provider code is six digits from 100000 to 999999.</source>
        <translation>Udbyderkoden er seks cifre fra 100000 til 999999.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="36"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="47"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="48"/>
        <source>Error (A1)</source>
        <translation>&amp;Fejl (A1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="49"/>
        <source>Warning</source>
        <translation>A&amp;dvarsel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="57"/>
        <source>Since 1 October 2007, CPR numbers without modulus 11 have been issued.</source>
        <translation>Siden 1. oktober 2007 er der udstedt CPR-numre uden modulus 11.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="62"/>
        <source>Back up now</source>
        <translation>&amp;Tag sikkerhedskopi nu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="63"/>
        <source>Restore from backup …</source>
        <translation>&amp;Gendan fra sikkerhedskopi …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="73"/>
        <source>Restore the selected backup</source>
        <translation>Gendan den &amp;valgte sikkerhedskopi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="78"/>
        <source>Provider code</source>
        <translation>Udbyderkode</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="80"/>
        <source>Lesson length</source>
        <translation>Lektionslængde</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="81"/>
        <source>CPR without modulus 11</source>
        <translation>CPR uden modulus 11</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="83"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="86"/>
        <source>Automatic backups</source>
        <translation>Automatiske sikkerhedskopier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="143"/>
        <source>Choose a folder for the backup</source>
        <translation>Vælg mappe til sikkerhedskopien</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="153"/>
        <source>Backup saved: {path}</source>
        <translation>Sikkerhedskopi gemt: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="159"/>
        <source>Choose a backup</source>
        <translation>Vælg sikkerhedskopi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="160"/>
        <source>Databases (*.sqlite *.db);;All files (*)</source>
        <translation>Databaser (*.sqlite *.db);;Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="164"/>
        <source>Restore from backup</source>
        <translation>Gendan fra sikkerhedskopi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="165"/>
        <source>All content in the database is replaced with the backup
{path}

The current database is first saved alongside it. Do you want to continue?</source>
        <translation>Alt indhold i databasen erstattes med sikkerhedskopien
{path}

Den nuværende database gemmes først ved siden af. Vil du fortsætte?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="175"/>
        <source>Not restored: {reason}</source>
        <translation>Ikke gendannet: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="180"/>
        <source>Restored. The previous database is saved as: {path}</source>
        <translation>Gendannet. Den tidligere database er gemt som: {path}</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="27"/>
        <source>{app} – the database cannot be opened</source>
        <translation>{app} – databasen kan ikke åbnes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="35"/>
        <source>Restore the selected backup</source>
        <translation>Gendan den &amp;valgte sikkerhedskopi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="36"/>
        <source>Open another database …</source>
        <translation>Åbn en &amp;anden database …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="37"/>
        <source>Create a new database …</source>
        <translation>&amp;Opret en ny database …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="38"/>
        <source>Quit</source>
        <translation>Af&amp;slut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="62"/>
        <source>Automatic backups of {name}, newest first:</source>
        <translation>Automatiske sikkerhedskopier af {name}, nyeste først:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="64"/>
        <source>There are no automatic backups of {name}.</source>
        <translation>Der er ingen automatiske sikkerhedskopier af {name}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="87"/>
        <source>Not restored: {reason}</source>
        <translation>Ikke gendannet: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="89"/>
        <source>Restored from the backup {backup}.</source>
        <translation>Gendannet fra sikkerhedskopien {backup}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="91"/>
        <source>The file that could not be opened is kept as {path}.</source>
        <translation>Filen, der ikke kunne åbnes, er gemt som {path}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="97"/>
        <source>Open a database</source>
        <translation>Åbn en database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="98"/>
        <source>Databases (*.sqlite *.db);;All files (*)</source>
        <translation>Databaser (*.sqlite *.db);;Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="104"/>
        <source>Create a new database</source>
        <translation>Opret en ny database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="105"/>
        <source>Databases (*.sqlite)</source>
        <translation>Databaser (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/start_dialog.py" line="109"/>
        <source>{name} already exists; choose a new name for the new database.</source>
        <translation>{name} findes allerede; vælg et nyt navn til den nye database.</translation>
    </message>
</context>
</TS>
