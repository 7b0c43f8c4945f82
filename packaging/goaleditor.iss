; Inno Setup script: a per-user installer (no admin rights), in Chinese.
; Build on Windows after PyInstaller (see packaging/README.md):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\goaleditor.iss
; Simplified Chinese is an official Inno Setup language in current 6.x releases; with an
; older 6.x, copy Languages\Unofficial\ChineseSimplified.isl from the Inno Setup sources
; into the compiler's Languages folder first.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "预算绩效目标表编辑器"
#define AppExe "goaleditor.exe"

[Setup]
AppId={{6B1F3C52-8E0A-4C1D-9E57-2A4D6B0C7F11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=goaleditor
DefaultDirName={autopf}\goaleditor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install: no UAC prompt, installs under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=goaleditor-{#AppVersion}-setup
SetupIconFile=..\resources\icons\goaleditor.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "附加快捷方式："; Flags: unchecked
Name: "assocjson"; Description: "在 .json 文件的“打开方式”中加入本程序"; GroupDescription: "文件关联："

[Files]
Source: "..\dist\goaleditor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; goaleditor documents are plain .json files: offer the app under “打开方式” without taking
; over .json from other programs (Windows associates by the last extension only).
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "goaleditor.document"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocjson
Root: HKA; Subkey: "Software\Classes\goaleditor.document"; ValueType: string; ValueName: ""; ValueData: "预算绩效目标文档"; Flags: uninsdeletekey; Tasks: assocjson
Root: HKA; Subkey: "Software\Classes\goaleditor.document\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: assocjson
Root: HKA; Subkey: "Software\Classes\goaleditor.document\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: assocjson
Root: HKA; Subkey: "Software\Classes\Applications\goaleditor.exe\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Flags: uninsdeletekey; Tasks: assocjson

[Run]
Filename: "{app}\{#AppExe}"; Description: "立即运行 {#AppName}"; Flags: nowait postinstall skipifsilent
