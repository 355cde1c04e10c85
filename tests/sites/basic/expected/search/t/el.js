(window.digestSearch=window.digestSearch||[]).push(["t","el",{"election":[3],"elections":[2]}]);
